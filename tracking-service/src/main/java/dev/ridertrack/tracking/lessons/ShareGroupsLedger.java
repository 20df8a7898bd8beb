package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every delivery of every record of lesson 13: which consumer got it, with which delivery
 * count, and whether it acknowledged it.
 */
class ShareGroupsLedger {

	private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();

	void delivered(ConsumerRecord<String, String> record, String consumer, boolean acknowledged) {
		this.deliveries.computeIfAbsent(record.value(), (id) -> new CopyOnWriteArrayList<>())
			.add(new Delivery(record.value(), record.partition(), record.offset(), consumer,
					record.deliveryCount().map(Short::intValue).orElse(1), acknowledged,
					System.nanoTime() / 1_000_000));
	}

	/**
	 * Deliveries with a delivery count of 2 or more, of the given records.
	 * @param ids the records
	 * @return their redeliveries, oldest first
	 */
	List<Delivery> redeliveries(List<String> ids) {
		List<Delivery> found = new ArrayList<>();
		for (String id : ids) {
			for (Delivery delivery : this.deliveries.getOrDefault(id, List.of())) {
				if (delivery.deliveryCount() >= 2) {
					found.add(delivery);
				}
			}
		}
		found.sort(java.util.Comparator.comparingLong(Delivery::at));
		return found;
	}

	void clear() {
		this.deliveries.clear();
	}

	/**
	 * One delivery.
	 *
	 * @param id the record's value (unique)
	 * @param partition its partition
	 * @param offset its offset
	 * @param consumer who got it
	 * @param deliveryCount Kafka's delivery count
	 * @param acknowledged whether that consumer accepted it
	 * @param at when (ms, monotonic)
	 */
	record Delivery(String id, int partition, long offset, String consumer, int deliveryCount, boolean acknowledged,
			long at) {

	}

}
