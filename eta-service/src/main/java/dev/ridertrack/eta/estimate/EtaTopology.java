package dev.ridertrack.eta.estimate;

import java.util.HashMap;
import java.util.Map;

import dev.ridertrack.platform.streams.EventTimeExtractor;
import dev.ridertrack.platform.streams.HashKeyValueStore;
import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The eta-service topology, all of it.
 *
 * <pre>
 * order-events (key orderId, 6 p)
 *   └─ filter: has a rider ─ groupBy riderId ─► [repartition, 12 p] ─► aggregate ─► KTable active-orders-by-rider
 *                                                                                   │        └─ order ended ─► forget order in rider-eta-state
 * rider-locations (key riderId, 12 p) ──────────────────────────────── join ◄──────┘
 *   └─► estimate (store rider-eta-state: speed EWMA, arrival, last published) ─► publish if news ─► eta-updates (key orderId)
 * </pre>
 *
 * Orders are re-keyed by rider, not fixes by order: order events are a trickle and fixes
 * are the flood, so only the trickle crosses the network again; the per-rider speed lives
 * where the rider's fixes already are; and a rider carries one order at a time.
 */
public final class EtaTopology {

	/** The active order of each rider (key riderId). */
	public static final String ACTIVE_ORDERS_STORE = "active-orders-by-rider";

	/** Per rider: learnt speed, arrival at the restaurant, last published ETA. */
	public static final String RIDER_STATE_STORE = "rider-eta-state";

	static final Serde<RiderLocation> FIX_SERDE = eventSerde(RiderLocation.class);

	static final Serde<OrderEvent> ORDER_SERDE = eventSerde(OrderEvent.class);

	static final Serde<EtaUpdate> ETA_SERDE = eventSerde(EtaUpdate.class);

	static final Serde<ActiveOrder> ACTIVE_ORDER_SERDE = StateSerdes.ACTIVE_ORDER;

	static final Serde<RiderEta> RIDER_ETA_SERDE = StateSerdes.RIDER_ETA;

	private EtaTopology() {
	}

	/**
	 * Add the topology to a builder.
	 * @param builder the builder (Spring's, or a test's)
	 * @param settings the model and publishing settings
	 * @return the stream of published estimates
	 */
	public static KStream<String, EtaUpdate> build(StreamsBuilder builder, EtaProperties settings) {
		EventTimeExtractor eventTime = new EventTimeExtractor();
		KTable<String, ActiveOrder> activeByRider = builder
			.stream(Topics.ORDER_EVENTS.name(),
					Consumed.with(Serdes.String(), ORDER_SERDE).withTimestampExtractor(eventTime).withName("orders"))
			.filter((orderId, event) -> event != null && event.riderId() != null, Named.as("assigned-orders"))
			.groupBy((orderId, event) -> event.riderId(), Grouped.with("orders-by-rider", Serdes.String(), ORDER_SERDE))
			.aggregate(() -> null, (riderId, event, current) -> ActiveOrder.apply(current, event),
					Named.as("track-order"),
					// Every fix looks its rider up here, so in memory rather than in
					// RocksDB: a RocksDB get through JNI was most of the stream thread's
					// time outside Java under the seeds' scenario (issue 14). The store
					// holds only the open orders, and its changelog is the order events'
					// trickle, so rebuilding it at start-up reads little. On a hash map,
					// not Kafka Streams' sorted one: walking that tree was a fifth of the
					// stream thread (tenth session).
					Materialized.<String, ActiveOrder>as(HashKeyValueStore.supplier(ACTIVE_ORDERS_STORE))
						.withKeySerde(Serdes.String())
						.withValueSerde(ACTIVE_ORDER_SERDE)
						// With the record cache on, each lookup searched the cache's
						// TreeMap, missed, and copied the store's answer in, evicting
						// another rider's: with 100,000 riders a third of eta's CPU went
						// to the cache (issue 14). Order events are few; nothing to
						// collapse.
						.withCachingDisabled());

		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RIDER_STATE_STORE),
				Serdes.String(), RIDER_ETA_SERDE));

		activeByRider.toStream(Named.as("order-changes"))
			.filter((riderId, order) -> order == null, Named.as("ended-orders"))
			.process(ForgetOrder::new, Named.as("forget-order"), RIDER_STATE_STORE);

		KStream<String, RiderLocation> fixes = builder.stream(Topics.RIDER_LOCATIONS.name(),
				Consumed.with(Serdes.String(), FIX_SERDE).withTimestampExtractor(eventTime).withName("fixes"));
		KStream<String, EtaUpdate> updates = fixes
			.filter((riderId, fix) -> fix != null && fix.recordedAt() != null, Named.as("valid-fixes"))
			.join(activeByRider, OnOrder::new,
					Joined.with(Serdes.String(), FIX_SERDE, ACTIVE_ORDER_SERDE).withName("fix-on-order"))
			.process(() -> new Estimator(new EtaModel(settings)), Named.as("estimate"), RIDER_STATE_STORE);
		updates.to(Topics.ETA_UPDATES.name(), Produced.with(Serdes.String(), ETA_SERDE).withName("eta-updates"));
		return updates;
	}

	private static <T> Serde<T> eventSerde(Class<T> type) {
		return Serdes.serdeFrom(EventJson.serializer(), EventJson.deserializer(type));
	}

	/** A fix of a rider who is on an order, with that order. */
	record OnOrder(RiderLocation fix, ActiveOrder order) {
	}

	/**
	 * Estimates each fix's ETA and forwards it, keyed by order, when it is news.
	 * <p>
	 * The riders' states are read from a map that mirrors the store (loaded from it in
	 * {@link #init}, after restoration) and written to both: a RocksDB get through JNI
	 * for every fix on an order was an eighth of the stream thread under the seeds'
	 * scenario (issue 14). {@link ForgetOrder} writes to the store alone, so the mirror
	 * may still hold an ended order's fields; they are dropped all the same, because a
	 * fix only reaches this processor with an active order, and {@link RiderEta#forOrder}
	 * starts the order fields afresh for an order they do not belong to.
	 */
	static final class Estimator implements Processor<String, OnOrder, String, EtaUpdate> {

		private final EtaModel model;

		private final Map<String, RiderEta> mirror = new HashMap<>();

		private ProcessorContext<String, EtaUpdate> context;

		private KeyValueStore<String, RiderEta> riders;

		Estimator(EtaModel model) {
			this.model = model;
		}

		@Override
		public void init(ProcessorContext<String, EtaUpdate> context) {
			this.context = context;
			this.riders = context.getStateStore(RIDER_STATE_STORE);
			this.mirror.clear();
			try (KeyValueIterator<String, RiderEta> all = this.riders.all()) {
				all.forEachRemaining((rider) -> this.mirror.put(rider.key, rider.value));
			}
		}

		@Override
		public void process(Record<String, OnOrder> record) {
			RiderLocation fix = record.value().fix();
			ActiveOrder order = record.value().order();
			if (fix.orderId() != null && !fix.orderId().equals(order.orderId())) {
				// The phone says another order: the order events have not caught up yet.
				return;
			}
			RiderEta state = this.mirror.get(record.key());
			state = (state != null) ? state : RiderEta.initial(this.model.settings());
			if (fix.seq() <= state.lastSeq()) {
				// Redelivered after a restart (at-least-once) or overtaken: already
				// learnt.
				return;
			}
			EtaModel.Estimate estimate = this.model.estimate(state.forOrder(order.orderId()), order, fix);
			RiderEta next = estimate.state();
			long now = fix.recordedAt().toEpochMilli();
			boolean publish = this.model.shouldPublish(next, now, estimate.etaSeconds());
			if (publish) {
				next = next.published(now, estimate.etaSeconds());
			}
			this.mirror.put(record.key(), next);
			this.riders.put(record.key(), next);
			if (publish) {
				EtaUpdate update = new EtaUpdate(order.orderId(), fix.riderId(), estimate.etaSeconds(),
						Math.round(estimate.remainingMeters() * 10) / 10.0, fix.recordedAt(), fix.seq());
				this.context.forward(new Record<>(order.orderId(), update, now, record.headers()));
			}
		}

	}

	/** Drops an ended order's fields from the rider's state; the learnt speed stays. */
	static final class ForgetOrder implements Processor<String, ActiveOrder, Void, Void> {

		private KeyValueStore<String, RiderEta> riders;

		@Override
		public void init(ProcessorContext<Void, Void> context) {
			this.riders = context.getStateStore(RIDER_STATE_STORE);
		}

		@Override
		public void process(Record<String, ActiveOrder> record) {
			RiderEta state = this.riders.get(record.key());
			if (state != null && state.orderId() != null) {
				this.riders.put(record.key(), state.withoutOrder());
			}
		}

	}

}
