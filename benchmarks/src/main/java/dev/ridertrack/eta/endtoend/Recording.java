package dev.ridertrack.eta.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one run of the real system left behind: the order events, the fixes of riders on
 * an order and the published ETAs, read from the beginning of their topics up to the end
 * offsets seen when reading started.
 */
final class Recording {

	private static final JsonMapper JSON = EventJson.mapper();

	/** Each order's places and steps, by order id. */
	final Map<String, Order> orders = new HashMap<>();

	/** Fixes that carried an order id, by order id, oldest first (by recordedAt). */
	final Map<String, List<Fix>> fixesByOrder = new HashMap<>();

	/**
	 * Published ETAs by order id, as read (per order: partition order = publish order).
	 */
	final Map<String, List<Published>> etas = new HashMap<>();

	/** Everything the ETA topology reads, for a replay; only kept when asked for. */
	final List<OrderEvent> orderEvents = new ArrayList<>();

	final List<RiderLocation> onOrderFixes = new ArrayList<>();

	long fixesRead;

	long etaUpdatesRead;

	Instant lastEtaComputedAt = Instant.EPOCH;

	private final boolean keepForReplay;

	private Recording(boolean keepForReplay) {
		this.keepForReplay = keepForReplay;
	}

	/**
	 * Read the three topics from the beginning (manual assignment: no consumer group,
	 * nothing committed, nothing disturbed).
	 */
	static Recording read(String bootstrap, boolean keepForReplay) {
		Recording recording = new Recording(keepForReplay);
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "eta-end-to-end-report");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			// Orders first, so a fix can be filed under an order already known.
			for (String topic : List.of(Topics.ORDER_EVENTS.name(), Topics.ETA_UPDATES.name(),
					Topics.RIDER_LOCATIONS.name())) {
				List<TopicPartition> partitions = new ArrayList<>();
				for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
					partitions.add(new TopicPartition(topic, info.partition()));
				}
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
				while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
						if (record.value() != null
								&& record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
							recording.add(topic, record.value());
						}
					}
				}
			}
		}
		recording.fixesByOrder.values().forEach((fixes) -> fixes.sort((a, b) -> Long.compare(a.at(), b.at())));
		recording.etas.values()
			.forEach((updates) -> updates.sort((a, b) -> Long.compare(a.computedAt(), b.computedAt())));
		return recording;
	}

	private void add(String topic, byte[] value) {
		try {
			if (topic.equals(Topics.ORDER_EVENTS.name())) {
				addOrderEvent(JSON.readValue(value, OrderEvent.class));
			}
			else if (topic.equals(Topics.ETA_UPDATES.name())) {
				addEta(JSON.readValue(value, EtaUpdate.class));
			}
			else {
				addFix(JSON.readValue(value, RiderLocation.class));
			}
		}
		catch (RuntimeException ex) {
			// A poison record (the DLT's business, not ours): leave it out.
		}
	}

	void addOrderEvent(OrderEvent event) {
		Order order = this.orders.computeIfAbsent(event.orderId(), (id) -> new Order());
		order.restaurant = event.restaurant();
		order.customer = event.customer();
		if (event.riderId() != null) {
			order.riderId = event.riderId();
		}
		if (event.status() == OrderStatus.CREATED) {
			order.createdAt = event.at().toEpochMilli();
		}
		else if (event.status() == OrderStatus.DELIVERED) {
			order.deliveredAt = event.at().toEpochMilli();
		}
		else if (event.status() == OrderStatus.ASSIGNED) {
			order.assignedAt = event.at().toEpochMilli();
		}
		else if (event.status() == OrderStatus.PICKED_UP) {
			order.pickedUpAt = event.at().toEpochMilli();
		}
		if (this.keepForReplay) {
			this.orderEvents.add(event);
		}
	}

	void addEta(EtaUpdate update) {
		long computedAt = update.computedAt().toEpochMilli();
		this.etas.computeIfAbsent(update.orderId(), (id) -> new ArrayList<>())
			.add(new Published(computedAt, computedAt + update.etaSeconds() * 1000));
		this.etaUpdatesRead++;
		if (update.computedAt().isAfter(this.lastEtaComputedAt)) {
			this.lastEtaComputedAt = update.computedAt();
		}
	}

	private void addFix(RiderLocation fix) {
		this.fixesRead++;
		if (fix.orderId() == null || fix.recordedAt() == null) {
			// An idle rider's fix joins no order in the topology and names none here.
			return;
		}
		this.fixesByOrder.computeIfAbsent(fix.orderId(), (id) -> new ArrayList<>())
			.add(new Fix(fix.recordedAt().toEpochMilli(), fix.lat(), fix.lon()));
		if (this.keepForReplay) {
			this.onOrderFixes.add(fix);
		}
	}

	/** An order as its events told it. */
	static final class Order {

		Place restaurant;

		Place customer;

		String riderId;

		Long assignedAt;

		Long pickedUpAt;

		Long createdAt;

		Long deliveredAt;

	}

	/** A rider's position at a moment, epoch milliseconds. */
	record Fix(long at, double lat, double lon) {
	}

	/** One published ETA: when it was computed and the arrival it predicted. */
	record Published(long computedAt, long predictedArrival) {
	}

	/**
	 * One delivered order as the load generator's {@code GET /api/v1/ground-truth} tells
	 * it (the load generator's {@code DeliveredOrder}; that module is not a dependency of
	 * eta-service).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Truth(String orderId, String riderId, String restaurantId, String customerId, Instant createdAt,
			Instant assignedAt, Instant arrivedAtRestaurantAt, Instant pickedUpAt, Instant arrivedAtCustomerAt,
			Instant deliveredAt, double toRestaurantMeters, double toCustomerMeters) {
	}

}
