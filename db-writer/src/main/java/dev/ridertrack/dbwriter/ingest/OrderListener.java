package dev.ridertrack.dbwriter.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.ridertrack.events.OrderEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

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
			OrderEvent event = record.value();
			if (event != null && event.orderId() != null && event.status() != null && event.at() != null) {
				events.add(event);
			}
		}
		this.store.apply(events);
		this.applied.increment(events.size());
		int poison = Poison.firstIndex(records);
		if (poison >= 0) {
			throw new BatchListenerFailedException("unreadable record on " + records.get(poison).topic(), poison);
		}
	}

}
