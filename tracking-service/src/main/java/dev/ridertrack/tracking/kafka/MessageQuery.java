package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a reader asked the message browser for, checked: where to start and how many.
 *
 * @param partition one partition, or {@code null} for all (or the key's)
 * @param offset the offset to start at (with a partition or a key), or {@code null}
 * @param time the time to start at, or {@code null}
 * @param key only this key's records, or {@code null}
 * @param limit at most this many records
 */
record MessageQuery(Integer partition, Long offset, Instant time, String key, int limit) {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 500;

	/**
	 * Checks the request parameters, saying in words what is wrong with them.
	 * @param partition the partition parameter
	 * @param offset the offset parameter
	 * @param time the time parameter: an ISO-8601 instant or epoch milliseconds
	 * @param key the key parameter
	 * @param limit the limit parameter
	 * @return the query
	 * @throws KafkaProblem (400) for a parameter out of range
	 */
	static MessageQuery of(Integer partition, Long offset, String time, String key, Integer limit) {
		int checkedLimit = (limit != null) ? limit : DEFAULT_LIMIT;
		if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
			throw KafkaProblem
				.invalidParameter("limit must be between 1 and " + MAX_LIMIT + " records; got " + checkedLimit + ".");
		}
		if (partition != null && partition < 0) {
			throw KafkaProblem.invalidParameter("partition must be 0 or more; got " + partition + ".");
		}
		if (offset != null && offset < 0) {
			throw KafkaProblem.invalidParameter("offset must be 0 or more; got " + offset + ".");
		}
		if (offset != null && time != null) {
			throw KafkaProblem.invalidParameter("Give an offset or a time to start at, not both.");
		}
		String checkedKey = (key != null && !key.isEmpty()) ? key : null;
		if (offset != null && partition == null && checkedKey == null) {
			throw KafkaProblem
				.invalidParameter("An offset needs a partition: offsets count records within one partition.");
		}
		return new MessageQuery(partition, offset, (time != null && !time.isBlank()) ? parseTime(time) : null,
				checkedKey, checkedLimit);
	}

	private static Instant parseTime(String time) {
		try {
			if (time.chars().allMatch(Character::isDigit)) {
				return Instant.ofEpochMilli(Long.parseLong(time));
			}
			return Instant.parse(time);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw KafkaProblem.invalidParameter("time must be an ISO-8601 instant such as 2026-12-05T18:00:00Z, "
					+ "or epoch milliseconds; got '" + time + "'.");
		}
	}

}
