package dev.ridertrack.dbwriter.ingest;

import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records that can never be written: unreadable ones ({@code ErrorHandlingDeserializer}
 * hands them to a batch listener with a {@code null} value and the error in a header) and
 * readable ones missing what the document needs. The listener writes the rest of the
 * batch, then reports the first of them with its cause; the error handler classifies both
 * causes as not retryable and dead-letters the record at once.
 */
final class Poison {

	private static final LogAccessor log = new LogAccessor(Poison.class);

	private Poison() {
	}

	/**
	 * Throws for the first poison record of the batch, if any.
	 */
	static <T> void reportFirst(List<ConsumerRecord<String, T>> records, Predicate<T> valid) {
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, T> record = records.get(i);
			if (record.value() == null && isUnreadable(record)) {
				DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
						SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
				throw new BatchListenerFailedException("unreadable record", cause, i);
			}
			if (record.value() != null && !valid.test(record.value())) {
				throw new BatchListenerFailedException("incomplete record",
						new InvalidRecordException("missing required fields: " + record.value()), i);
			}
		}
	}

	private static boolean isUnreadable(ConsumerRecord<?, ?> record) {
		return record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
	}

	/** A readable event that lacks what its document needs: retrying cannot help. */
	static class InvalidRecordException extends RuntimeException {

		InvalidRecordException(String message) {
			super(message);
		}

	}

}
