package dev.ridertrack.dbwriter.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.ridertrack.events.OrderEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the {@code orders} collection in step with {@code order-events}: each poll is one
 * bulk write of upserts, committed after MongoDB acknowledged it.
 */
class OrderListener {

	private final OrderStore store;

	private final Counter applied;

	OrderListener(OrderStore store, MeterRegistry meters) {
		this.store = store;
		this.applied = Counter.builder("ridertrack.dbwriter.order.events")
			.description("Order events applied to the orders collection")
			.register(meters);
	}

	@KafkaListener(id = "order-writer", idIsGroup = false,
			topics = "#{T(dev.ridertrack.events.Topics).ORDER_EVENTS.name()}",
			containerFactory = "orderListenerContainerFactory")
	void onOrderEvents(List<ConsumerRecord<String, OrderEvent>> records) {
		List<OrderEvent> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, OrderEvent> record : records) {
			if (record.value() != null && isComplete(record.value())) {
				events.add(record.value());
			}
		}
		try {
			this.store.apply(events);
		}
		catch (RuntimeException ex) {
			throw FixListener.retryWholeBatch(ex);
		}
		this.applied.increment(events.size());
		Poison.reportFirst(records, OrderListener::isComplete);
	}

	private static boolean isComplete(OrderEvent event) {
		return event.orderId() != null && event.status() != null && event.at() != null;
	}

}
