package dev.ridertrack.dbwriter.ingest;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Finds records that could not be read. {@code ErrorHandlingDeserializer} hands them to a
 * batch listener with a {@code null} value and the error in a header.
 */
final class Poison {

	private Poison() {
	}

	/**
	 * The index of the first unreadable record, or -1.
	 */
	static int firstIndex(List<? extends ConsumerRecord<?, ?>> records) {
		for (int i = 0; i < records.size(); i++) {
			if (isPoison(records.get(i))) {
				return i;
			}
		}
		return -1;
	}

	static boolean isPoison(ConsumerRecord<?, ?> record) {
		return record.value() == null
				&& record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
	}

}
