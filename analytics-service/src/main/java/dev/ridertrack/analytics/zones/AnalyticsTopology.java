package dev.ridertrack.analytics.zones;

import java.time.Duration;

import dev.ridertrack.platform.streams.EventTimeExtractor;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The analytics-service topology, all of it.
 *
 * <pre>
 * rider-locations (key riderId) ─ process: per task, zone and 10 s slice ─ totals every 2 s ─┐
 *                                   (store zone-slices)                                       │
 * order-events (key orderId) ─ process (store order-created: CREATED.at)                      merge ─► [repartition zone-slices, 2 p] ─┬─ 10 s windows, grace 5 s ─► zone-stats-10s ─► zone-stats (key zoneId)
 *                               DELIVERED ─► key customer's zoneId, one delivery ──────────────┘                                   └─ 1 min windows, grace 10 s ─► zone-stats-1m (queries only)
 * </pre>
 *
 * Event time is {@code recordedAt} / {@code at}. Fixes are added up per zone inside each
 * task before they are repartitioned ({@link ZoneSlicer}): the repartition topic carries
 * at most one record per zone, task and slice flush (2 s) instead of one per fix. A slice
 * later than its window's grace is dropped by Kafka Streams and counted in the task
 * metric {@code dropped-records}. Results are emitted on change, not suppressed until the
 * window closes: the dashboard wants a zone's current window as it fills; the record
 * cache and the 2 s commit interval collapse a window's many changes into about one
 * update per zone per 2 s.
 */
public final class AnalyticsTopology {

	/** Live windows per zone (key zoneId). */
	public static final String SHORT_WINDOWS_STORE = "zone-stats-10s";

	/** History windows per zone (key zoneId). */
	public static final String LONG_WINDOWS_STORE = "zone-stats-1m";

	/** Each task's zone totals not yet passed on (key zoneId@sliceStart). */
	public static final String ZONE_SLICES_STORE = "zone-slices";

	/** Creation time of each open order (key orderId). */
	public static final String ORDER_CREATED_STORE = "order-created";

	static final Serde<RiderLocation> FIX_SERDE = Serdes.serdeFrom(EventJson.serializer(),
			EventJson.deserializer(RiderLocation.class));

	static final Serde<OrderEvent> ORDER_SERDE = Serdes.serdeFrom(EventJson.serializer(),
			EventJson.deserializer(OrderEvent.class));

	static final Serde<ZoneStats> ZONE_STATS_SERDE = Serdes.serdeFrom(EventJson.serializer(),
			EventJson.deserializer(ZoneStats.class));

	private AnalyticsTopology() {
	}

	/**
	 * Add the topology to a builder.
	 * @param builder the builder (Spring's, or a test's)
	 * @param settings window sizes, grace periods and retention
	 * @return the stream of published zone stats
	 */
	public static KStream<String, ZoneStats> build(StreamsBuilder builder, AnalyticsProperties settings) {
		EventTimeExtractor eventTime = new EventTimeExtractor();
		builder.addStateStore(OpenSlices.builder(ZONE_SLICES_STORE));
		Duration slice = ZoneSlicer.sliceFor(settings.shortWindow(), settings.longWindow());
		KStream<String, ZoneAggregate> fixSlices = builder
			.stream(Topics.RIDER_LOCATIONS.name(),
					Consumed.with(Serdes.String(), FIX_SERDE).withTimestampExtractor(eventTime).withName("fixes"))
			.filter((riderId, fix) -> fix != null && fix.riderId() != null && onEarth(fix.lat(), fix.lon()),
					Named.as("valid-fixes"))
			.process(() -> new ZoneSlicer(slice, settings.sliceFlush()), Named.as("slice-per-zone"), ZONE_SLICES_STORE);

		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_CREATED_STORE),
				Serdes.String(), Serdes.Long()));
		KStream<String, ZoneAggregate> deliveries = builder
			.stream(Topics.ORDER_EVENTS.name(),
					Consumed.with(Serdes.String(), ORDER_SERDE).withTimestampExtractor(eventTime).withName("orders"))
			.process(DeliveryTimer::new, Named.as("time-deliveries"), ORDER_CREATED_STORE);

		// An explicit repartition, not groupByKey's own: that one gets the input's 12
		// partitions, so 12 tasks with two window stores each (zone-partitions: 2).
		KGroupedStream<String, ZoneAggregate> byZone = fixSlices.merge(deliveries, Named.as("zone-totals"))
			.repartition(Repartitioned.<String, ZoneAggregate>as("zone-slices")
				.withKeySerde(Serdes.String())
				.withValueSerde(ZoneAggregate.SERDE)
				.withNumberOfPartitions(settings.zonePartitions()))
			.groupByKey(Grouped.with(Serdes.String(), ZoneAggregate.SERDE));

		KStream<String, ZoneStats> live = byZone
			.windowedBy(TimeWindows.ofSizeAndGrace(settings.shortWindow(), settings.shortGrace()))
			.aggregate(ZoneAggregate::new, (zone, part, aggregate) -> aggregate.merge(part), Named.as("aggregate-10s"),
					Materialized.<String, ZoneAggregate, WindowStore<Bytes, byte[]>>as(SHORT_WINDOWS_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(ZoneAggregate.SERDE)
						.withRetention(settings.shortRetention()))
			.toStream(Named.as("live-changes"))
			.filter((window, aggregate) -> aggregate != null, Named.as("not-deleted"))
			.map((window, aggregate) -> KeyValue.pair(window.key(),
					aggregate.toZoneStats(window.key(), window.window().startTime(), window.window().endTime())),
					Named.as("to-zone-stats"));
		live.to(Topics.ZONE_STATS.name(), Produced.with(Serdes.String(), ZONE_STATS_SERDE).withName("zone-stats"));

		byZone.windowedBy(TimeWindows.ofSizeAndGrace(settings.longWindow(), settings.longGrace()))
			.aggregate(ZoneAggregate::new, (zone, part, aggregate) -> aggregate.merge(part), Named.as("aggregate-1m"),
					Materialized.<String, ZoneAggregate, WindowStore<Bytes, byte[]>>as(LONG_WINDOWS_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(ZoneAggregate.SERDE)
						.withRetention(settings.longRetention()));
		return live;
	}

	private static boolean onEarth(double lat, double lon) {
		return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
	}

	/**
	 * Remembers when each order was created and, when it is delivered, forwards the
	 * delivery keyed by the customer's zone with its creation-to-delivery time. An ended
	 * order's entry is removed.
	 */
	static final class DeliveryTimer implements Processor<String, OrderEvent, String, ZoneAggregate> {

		private ProcessorContext<String, ZoneAggregate> context;

		private KeyValueStore<String, Long> created;

		@Override
		public void init(ProcessorContext<String, ZoneAggregate> context) {
			this.context = context;
			this.created = context.getStateStore(ORDER_CREATED_STORE);
		}

		@Override
		public void process(Record<String, OrderEvent> record) {
			OrderEvent event = record.value();
			if (event == null || record.key() == null || event.status() == null || event.at() == null) {
				return;
			}
			if (event.status() == OrderStatus.CREATED) {
				this.created.putIfAbsent(record.key(), event.at().toEpochMilli());
			}
			else if (event.status() == OrderStatus.CANCELLED) {
				this.created.delete(record.key());
			}
			else if (event.status() == OrderStatus.DELIVERED && event.customer() != null) {
				Long createdAt = this.created.delete(record.key());
				double seconds = (createdAt != null) ? (event.at().toEpochMilli() - createdAt) / 1000.0 : Double.NaN;
				String zone = Zones.zoneId(event.customer().lat(), event.customer().lon());
				this.context.forward(record.withKey(zone).withValue(new ZoneAggregate().addDelivery(seconds)));
			}
		}

	}

}
