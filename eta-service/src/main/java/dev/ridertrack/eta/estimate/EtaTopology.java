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
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The eta-service topology, all of it.
 *
 * <pre>
 * order-events (key orderId, 6 p)
 *   └─ filter: has a rider ─ key by riderId ─► [repartition orders-by-rider, 12 p] ─┐
 * rider-locations (key riderId, 12 p) ─ filter: valid ──────────────────────────────┴─ merge
 *   └─► riders: per rider one slot, its active order (store active-orders-by-rider) and its
 *       state (store rider-eta-state: speed EWMA, arrival, last published)
 *         an order event ─► the rider's active order; an ended order's fields forgotten
 *         a fix on an order ─► estimate ─► publish if news ─► eta-updates (key orderId)
 * </pre>
 *
 * Orders are re-keyed by rider, not fixes by order: order events are a trickle and fixes
 * are the flood, so only the trickle crosses the network again; the per-rider speed lives
 * where the rider's fixes already are; and a rider carries one order at a time.
 * <p>
 * Both inputs meet in one processor, not in a stream–table join: with 100,000 riders the
 * join's store lookup (and decoding the order from it) and the estimator's own lookup of
 * the rider's state were two cache misses per fix, about a fifth of the stream thread
 * under the seeds' scenario (issue 14). The processor keeps both in one map entry per
 * rider and writes both stores, so changelogs, restoration and the stores' names are what
 * the join and table had. A join checks that its inputs have the same partition count;
 * here the order repartition topic is given the fixes' count from the topic catalog.
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
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static KStream<String, EtaUpdate> build(StreamsBuilder builder, EtaProperties settings) {
		EventTimeExtractor eventTime = new EventTimeExtractor();
		// The active orders are looked up for every fix, so in memory rather than in
		// RocksDB (a get through JNI was most of the stream thread's time outside
		// Java), on a hash map rather than Kafka Streams' sorted one (walking that tree
		// was a fifth of the stream thread), and without a record cache (issue 14). The
		// store holds only the open orders, and its changelog is the order events'
		// trickle, so rebuilding it at start-up reads little. Timestamped, as the table
		// it replaced: the changelog's records keep their format.
		builder.addStateStore(
				Stores
					.timestampedKeyValueStoreBuilder(HashKeyValueStore.supplier(ACTIVE_ORDERS_STORE), Serdes.String(),
							ACTIVE_ORDER_SERDE)
					.withCachingDisabled());
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RIDER_STATE_STORE),
				Serdes.String(), RIDER_ETA_SERDE));

		KStream<String, OrderEvent> ordersByRider = builder
			.stream(Topics.ORDER_EVENTS.name(),
					Consumed.with(Serdes.String(), ORDER_SERDE).withTimestampExtractor(eventTime).withName("orders"))
			.filter((orderId, event) -> event != null && event.riderId() != null, Named.as("assigned-orders"))
			.selectKey((orderId, event) -> event.riderId(), Named.as("key-by-rider"))
			.repartition(Repartitioned.<String, OrderEvent>as("orders-by-rider")
				.withKeySerde(Serdes.String())
				.withValueSerde(ORDER_SERDE)
				.withNumberOfPartitions(Topics.RIDER_LOCATIONS.partitions()));
		KStream<String, RiderLocation> fixes = builder
			.stream(Topics.RIDER_LOCATIONS.name(),
					Consumed.with(Serdes.String(), FIX_SERDE).withTimestampExtractor(eventTime).withName("fixes"))
			.filter((riderId, fix) -> fix != null && fix.recordedAt() != null, Named.as("valid-fixes"));
		// One stream of both value types: the processor tells them apart. A mapValues
		// to a common type would cost a forward and an object per fix.
		KStream<String, Object> inputs = ((KStream) fixes).merge((KStream) ordersByRider, Named.as("rider-inputs"));
		KStream<String, EtaUpdate> updates = inputs.process(() -> new Riders(new EtaModel(settings)),
				Named.as("riders"), ACTIVE_ORDERS_STORE, RIDER_STATE_STORE);
		updates.to(Topics.ETA_UPDATES.name(), Produced.with(Serdes.String(), ETA_SERDE).withName("eta-updates"));
		return updates;
	}

	private static <T> Serde<T> eventSerde(Class<T> type) {
		return Serdes.serdeFrom(EventJson.serializer(), EventJson.deserializer(type));
	}

	/** What the processor keeps per rider: the active order and the rider's state. */
	static final class Rider {

		/** The order the rider is on, or {@code null}. */
		ActiveOrder order;

		/** The learnt speed and the order's fields, or {@code null} before any fix. */
		RiderEta state;

	}

	/**
	 * Keeps each rider's active order from the order events, and estimates each fix's ETA
	 * and forwards it, keyed by order, when it is news.
	 * <p>
	 * Both are read from one map entry per rider, loaded from the two stores in
	 * {@link #init} (after restoration). An order is written to its store with every
	 * change. A rider's state is written to {@code rider-eta-state} when a restart must
	 * keep it: its order or arrivals changed, or an estimate was published (for a rider
	 * on an order at least every {@code publish-max-interval}, 30 s). Writing it for
	 * every fix put a changelog record per fix on an order through the broker (issue 14).
	 * Between those writes only the learnt speed and the newest seq move; after a crash
	 * or a move of the task, the rider goes on from the stored state: the speed learnt
	 * from up to 30 s of fixes is lost (an EWMA, weight 0.1 a fix), a redelivered fix
	 * older than the stored seq is still skipped, and one newer is learnt again (what had
	 * learnt it is gone with the memory).
	 */
	static final class Riders implements Processor<String, Object, String, EtaUpdate> {

		private final EtaModel model;

		private final Map<String, Rider> riders = new HashMap<>();

		private ProcessorContext<String, EtaUpdate> context;

		private TimestampedKeyValueStore<String, ActiveOrder> orders;

		private KeyValueStore<String, RiderEta> states;

		Riders(EtaModel model) {
			this.model = model;
		}

		@Override
		public void init(ProcessorContext<String, EtaUpdate> context) {
			this.context = context;
			this.orders = context.getStateStore(ACTIVE_ORDERS_STORE);
			this.states = context.getStateStore(RIDER_STATE_STORE);
			this.riders.clear();
			try (KeyValueIterator<String, ValueAndTimestamp<ActiveOrder>> all = this.orders.all()) {
				all.forEachRemaining((order) -> rider(order.key).order = order.value.value());
			}
			try (KeyValueIterator<String, RiderEta> all = this.states.all()) {
				all.forEachRemaining((state) -> rider(state.key).state = state.value);
			}
		}

		private Rider rider(String riderId) {
			return this.riders.computeIfAbsent(riderId, (id) -> new Rider());
		}

		@Override
		public void process(Record<String, Object> record) {
			if (record.value() instanceof RiderLocation fix) {
				Rider rider = this.riders.get(record.key());
				if (rider != null && rider.order != null) {
					estimate(record, rider, fix);
				}
			}
			else if (record.value() instanceof OrderEvent event) {
				track(record, rider(record.key()), event);
			}
		}

		/**
		 * The rider's order after an order event. When it ends, the order's fields leave
		 * the rider's state; the learnt speed stays.
		 */
		private void track(Record<String, Object> record, Rider rider, OrderEvent event) {
			ActiveOrder next = ActiveOrder.apply(rider.order, event);
			rider.order = next;
			if (next != null) {
				this.orders.put(record.key(), ValueAndTimestamp.make(next, record.timestamp()));
				return;
			}
			this.orders.delete(record.key());
			if (rider.state != null && rider.state.orderId() != null) {
				rider.state = rider.state.withoutOrder();
				this.states.put(record.key(), rider.state);
			}
		}

		private void estimate(Record<String, Object> record, Rider rider, RiderLocation fix) {
			ActiveOrder order = rider.order;
			if (fix.orderId() != null && !fix.orderId().equals(order.orderId())) {
				// The phone says another order: the order events have not caught up yet.
				return;
			}
			RiderEta state = (rider.state != null) ? rider.state : RiderEta.initial(this.model.settings());
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
			rider.state = next;
			if (publish || next.orderFieldsDiffer(state)) {
				this.states.put(record.key(), next);
			}
			if (publish) {
				EtaUpdate update = new EtaUpdate(order.orderId(), fix.riderId(), estimate.etaSeconds(),
						Math.round(estimate.remainingMeters() * 10) / 10.0, fix.recordedAt(), fix.seq());
				this.context.forward(new Record<>(order.orderId(), update, now, record.headers()));
			}
		}

	}

}
