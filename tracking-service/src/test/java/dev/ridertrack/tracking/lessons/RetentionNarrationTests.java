package dev.ridertrack.tracking.lessons;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionNarrationTests {

	@Test
	void earliestIsToldItJumpedToTheLogStart() {
		assertThat(RetentionNarration.read("earliest", 412, 700, 412)).startsWith(
				"offset 0 was deleted (the log started at 412), so the broker answered OFFSET_OUT_OF_RANGE and the"
						+ " consumer applied auto.offset.reset=earliest: it jumped to the log start; its first record"
						+ " was offset 412, the oldest still kept.");
	}

	@Test
	void latestIsToldItSkippedWhatWasKept() {
		assertThat(RetentionNarration.read("latest", 412, 700, 703))
			.contains("it jumped to the end of the log (700 when it asked), skipping the 288 records still kept");
	}

	@Test
	void nothingDeletedYetMeansNoReset() {
		assertThat(RetentionNarration.read("earliest", 0, 90, 0)).startsWith("offset 0 is still on the log");
	}

}
