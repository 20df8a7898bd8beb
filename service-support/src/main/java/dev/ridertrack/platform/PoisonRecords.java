package dev.ridertrack.platform;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records a batch listener cannot read. {@code ErrorHandlingDeserializer} hands them over
 * with a {@code null} value and the error in a header; the listener processes the records
 * before the first of them and reports it by index, as here.
 * <p>
 * The report carries the {@link DeserializationException} as its cause, and that is what
 * matters: the platform's error handler classifies it as not retryable and dead-letters
 * the record at its first delivery. Without the cause the handler retries it, and its
 * retry count starts over each time a poll without that partition's records succeeds in
 * between, which on a busy topic with many partitions is every time: the consumer then
 * retries the same record forever.
 */
public final class PoisonRecords {

	private static final LogAccessor log = new LogAccessor(PoisonRecords.class);

	private PoisonRecords() {
	}

	/**
	 * Whether the record's value could not be read.
	 * @param record a record from a listener container
	 * @return {@code true} if the deserializer failed on it
	 */
	public static boolean isUnreadable(ConsumerRecord<?, ?> record) {
		return record.value() == null
				&& record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
	}

	/**
	 * The index of the first unreadable record.
	 * @param records a batch
	 * @return its index, or the batch size if every record was read
	 */
	public static int firstUnreadable(List<? extends ConsumerRecord<?, ?>> records) {
		for (int i = 0; i < records.size(); i++) {
			if (isUnreadable(records.get(i))) {
				return i;
			}
		}
		return records.size();
	}

	/**
	 * Reports the unreadable record at {@code index}, if there is one, once the records
	 * before it are done.
	 * @param records a batch
	 * @param index what {@link #firstUnreadable} returned
	 * @throws BatchListenerFailedException if {@code index} is inside the batch
	 */
	public static void reportAt(List<? extends ConsumerRecord<?, ?>> records, int index) {
		if (index < records.size()) {
			throw unreadable(records.get(index), index);
		}
	}

	/**
	 * The failure to throw for an unreadable record.
	 * @param record the record
	 * @param index its index in the batch
	 * @return the exception, with the deserializer's error as its cause
	 */
	public static BatchListenerFailedException unreadable(ConsumerRecord<?, ?> record, int index) {
		DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
		if (cause == null) {
			// the header was there but could not be read back: still not retryable
			cause = new DeserializationException("unreadable value", new byte[0], false, null);
		}
		return new BatchListenerFailedException("record could not be deserialized", cause, index);
	}

}
