package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One page of a topic's records, as the message browser shows them.
 *
 * @param topic the topic
 * @param partition the one partition read, or {@code null} when every partition was
 * @param records the records, oldest first (by offset in one partition, by timestamp
 * across partitions)
 * @param note what a reader should know about this page in words (an offset beyond the
 * end, records deleted by retention, how far a key search looked), or {@code null}
 */
record MessagePage(String topic, Integer partition, List<Message> records, String note) {

	/**
	 * One record.
	 *
	 * @param partition its partition
	 * @param offset its offset in the partition
	 * @param timestamp when it was produced (or appended, by the topic's timestamp type)
	 * @param key its key as text, or {@code null}
	 * @param headers its headers, values as text (the dead-letter numbers decoded)
	 * @param value a JSON value as JSON, anything else as a string, {@code null} for none
	 * @param deadLetter for a record in a dead-letter topic, why it is there
	 */
	record Message(int partition, long offset, Instant timestamp, String key, Map<String, String> headers,
			JsonNode value, DeadLetter deadLetter) {
	}

	/**
	 * Why a record was sent to a dead-letter topic, from the headers Spring Kafka's
	 * {@code DeadLetterPublishingRecoverer} adds.
	 *
	 * @param group the consumer group that failed to process it
	 * @param exception the exception's class
	 * @param message the exception's message
	 * @param originalTopic where the record was first
	 * @param originalPartition its partition there
	 * @param originalOffset its offset there
	 * @param originalTimestamp its timestamp there
	 */
	record DeadLetter(String group, String exception, String message, String originalTopic, Integer originalPartition,
			Long originalOffset, Instant originalTimestamp) {
	}

}
