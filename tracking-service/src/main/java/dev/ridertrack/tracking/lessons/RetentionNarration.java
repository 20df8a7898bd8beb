package dev.ridertrack.tracking.lessons;

/**
 * What a consumer that asked for offset 0 of lesson 9's topic got, in words, from the
 * offsets it actually received.
 */
final class RetentionNarration {

	private RetentionNarration() {
	}

	/**
	 * @param reset the consumer's auto.offset.reset
	 * @param logStart the log start offset just before it asked
	 * @param logEnd the log end offset just before it asked
	 * @param first the offset of the first record it received
	 * @return the sentence's end, after "Asked for offset 0 ...; "
	 */
	static String read(String reset, long logStart, long logEnd, long first) {
		if (logStart == 0) {
			return "offset 0 is still on the log (nothing deleted yet), so the consumer read from offset " + first
					+ " and auto.offset.reset did not apply. Wait until the log start moves, then ask again.";
		}
		String deleted = "offset 0 was deleted (the log started at " + logStart
				+ "), so the broker answered OFFSET_OUT_OF_RANGE and the consumer applied auto.offset.reset=" + reset
				+ ": ";
		if (first >= logEnd) {
			return deleted + "it jumped to the end of the log (" + logEnd + " when it asked), skipping the "
					+ (logEnd - logStart) + " records still kept; its first record, offset " + first
					+ ", was written after it asked.";
		}
		return deleted + "it jumped to the log start; its first record was offset " + first + ", the oldest still kept"
				+ ((first > logStart) ? " (the log start had moved on meanwhile)" : "") + ". The " + logStart
				+ " records before it are gone for every consumer.";
	}

}
