package dev.ridertrack.tracking.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.PoisonRecords;
import dev.ridertrack.tracking.TrackingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The tracking group's listeners: this instance's partitions of each topic, written to
 * Redis. Offsets are committed after a batch is written (at-least-once); the seq check in
 * Redis makes a redelivered fix harmless.
 */
@Component
class StateListeners {

	static final String LOCATIONS_ID = "tracking-locations";

	private final RiderStore riders;

	private final OrderStore orders;

	private final Clock clock;

	private final TrackingProperties properties;

	StateListeners(RiderStore riders, OrderStore orders, Clock clock, TrackingProperties properties) {
		this.riders = riders;
		this.orders = orders;
		this.clock = clock;
		this.properties = properties;
	}

	@KafkaListener(id = LOCATIONS_ID, idIsGroup = false, topics = "rider-locations",
			containerFactory = "locationListenerFactory")
	void onLocations(List<ConsumerRecord<String, RiderLocation>> records) {
		long tooOld = this.clock.millis() - this.properties.silenceTimeout().toMillis();
		// only the newest fix per rider in this poll reaches Redis
		Map<String, RiderLocation> newest = new HashMap<>();
		int poison = PoisonRecords.firstUnreadable(records);
		for (int i = 0; i < poison; i++) {
			RiderLocation fix = records.get(i).value();
			if (fix == null || fix.riderId() == null || fix.recordedAt() == null
					|| fix.recordedAt().toEpochMilli() < tooOld) {
				continue;
			}
			newest.merge(fix.riderId(), fix, (a, b) -> (b.seq() > a.seq()) ? b : a);
		}
		this.riders.write(newest.values());
		PoisonRecords.reportAt(records, poison);
	}

	@KafkaListener(id = "tracking-orders", idIsGroup = false, topics = "order-events",
			containerFactory = "orderListenerFactory")
	void onOrders(List<ConsumerRecord<String, OrderEvent>> records) {
		List<OrderEvent> events = new ArrayList<>();
		each(records, (event) -> {
			if (event.orderId() != null && event.status() != null && event.at() != null) {
				events.add(event);
			}
		}, () -> this.orders.applyEvents(events));
	}

	@KafkaListener(id = "tracking-etas", idIsGroup = false, topics = "eta-updates",
			containerFactory = "etaListenerFactory")
	void onEtas(List<ConsumerRecord<String, EtaUpdate>> records) {
		// only each order's newest estimate of the poll reaches Redis
		Map<String, EtaUpdate> newest = new HashMap<>();
		each(records, (eta) -> {
			if (eta.orderId() != null && eta.computedAt() != null) {
				newest.merge(eta.orderId(), eta, (a, b) -> b.computedAt().isBefore(a.computedAt()) ? a : b);
			}
		}, () -> this.orders.applyEtas(newest.values()));
	}

	/**
	 * Collects the readable records before the first unreadable one, writes them, then
	 * reports that one.
	 */
	private static <T> void each(List<ConsumerRecord<String, T>> records, Consumer<T> collect, Runnable write) {
		int poison = PoisonRecords.firstUnreadable(records);
		for (int i = 0; i < poison; i++) {
			T value = records.get(i).value();
			if (value != null) {
				collect.accept(value);
			}
		}
		write.run();
		// the error handler commits the records before it, dead-letters it and
		// redelivers the rest
		PoisonRecords.reportAt(records, poison);
	}

}
