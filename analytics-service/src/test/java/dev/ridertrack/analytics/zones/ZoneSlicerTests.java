package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Zones;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-task pre-aggregation: fixes stay in their task until the flush, then leave as
 * one record per zone and slice, carrying exactly the totals the windows would have
 * counted fix by fix.
 */
class ZoneSlicerTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	static final double[] BANDRA = { 19.0596, 72.8295 };

	static final double[] COLABA = { 18.9067, 72.8147 };

	MockProcessorContext<String, ZoneAggregate> context;

	ZoneSlicer slicer;

	KeyValueStore<String, ZoneSlice> saved;

	OpenSlices slices;

	@BeforeEach
	void startSlicer() {
		this.saved = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AnalyticsTopology.ZONE_SLICES_STORE), Serdes.String(),
					ZoneSlice.SERDE)
			.withLoggingDisabled()
			.build();
		this.context = new MockProcessorContext<>();
		this.saved.init(this.context.getStateStoreContext(), this.saved);
		restartSlicer();
	}

	/** A new slicer on what the store holds, as after a crash and restore. */
	private void restartSlicer() {
		this.context = new MockProcessorContext<>();
		this.slices = new OpenSlices(this.saved);
		this.context.addStateStore(this.slices);
		this.slicer = new ZoneSlicer(Duration.ofSeconds(10), Duration.ofSeconds(1));
		this.slicer.init(this.context);
	}

	@Test
	void manyFixesLeaveAsOneRecordPerZoneAndSliceAtTheFlush() {
		fix("rider-000001", BANDRA, 4.0, 1_000);
		fix("rider-000001", BANDRA, 6.0, 6_000);
		fix("rider-000002", BANDRA, 8.0, 3_000);
		fix("rider-000003", COLABA, 5.0, 2_000);
		// the next slice of Bandra
		fix("rider-000002", BANDRA, 2.0, 10_500);
		assertThat(this.context.forwarded()).as("nothing leaves before the flush").isEmpty();

		flush();

		List<Record<String, ZoneAggregate>> sent = sent();
		assertThat(sent).hasSize(3);
		Record<String, ZoneAggregate> bandra = only(sent, zone(BANDRA), T0.plusMillis(6_000));
		assertThat(bandra.value().fixes).isEqualTo(3);
		assertThat(bandra.value().riderCount).isEqualTo(2);
		assertThat(bandra.value().avgSpeedMps()).isEqualTo(6.0);
		assertThat(only(sent, zone(BANDRA), T0.plusMillis(10_500)).value().fixes).isEqualTo(1);
		assertThat(only(sent, zone(COLABA), T0.plusMillis(2_000)).value().riderCount).isEqualTo(1);
	}

	@Test
	void aFlushSendsOnlyWhatCameSinceTheLastOne() {
		fix("rider-000001", BANDRA, 4.0, 1_000);
		flush();
		this.context.resetForwards();

		flush();
		assertThat(sent()).as("an idle second sends nothing").isEmpty();

		fix("rider-000002", BANDRA, 4.0, 2_000);
		flush();
		assertThat(sent()).singleElement().satisfies((record) -> {
			assertThat(record.value().fixes).isEqualTo(1);
			assertThat(record.value().riders()).containsExactly(ZoneAggregate.riderHash("rider-000002"));
		});
	}

	@Test
	void aRestartGoesOnFromWhatTheLastCommitSaved() {
		fix("rider-000001", BANDRA, 4.0, 1_000);
		fix("rider-000002", BANDRA, 6.0, 2_000);
		this.slices.flushCache(); // what Kafka Streams does just before it commits
		assertThat(this.saved.approximateNumEntries()).isEqualTo(1);
		fix("rider-000003", BANDRA, 8.0, 3_000); // after the commit: read again after a
													// crash

		restartSlicer();
		flush();

		assertThat(sent()).singleElement().satisfies((record) -> {
			assertThat(record.value().fixes).isEqualTo(2);
			assertThat(record.value().riderCount).isEqualTo(2);
			assertThat(record.timestamp()).isEqualTo(T0.plusMillis(2_000).toEpochMilli());
		});
		this.slices.flushCache();
		assertThat(this.saved.approximateNumEntries()).as("a slice passed on leaves the store").isZero();
	}

	@Test
	void slicesDivideBothWindows() {
		assertThat(ZoneSlicer.sliceFor(Duration.ofSeconds(10), Duration.ofMinutes(1)))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(ZoneSlicer.sliceFor(Duration.ofSeconds(15), Duration.ofMinutes(1)))
			.isEqualTo(Duration.ofSeconds(15));
		assertThat(ZoneSlicer.sliceFor(Duration.ofSeconds(40), Duration.ofMinutes(1)))
			.isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void mergedSlicesCountARiderSeenInBothOnce() {
		ZoneAggregate one = new ZoneAggregate().addFix("rider-000001", 4).addFix("rider-000002", 6);
		ZoneAggregate other = new ZoneAggregate().addFix("rider-000002", 2).addFix("rider-000003", 8).addDelivery(600);

		ZoneAggregate both = new ZoneAggregate().merge(one).merge(other);

		assertThat(both.riders()).containsExactlyInAnyOrder(ZoneAggregate.riderHash("rider-000001"),
				ZoneAggregate.riderHash("rider-000002"), ZoneAggregate.riderHash("rider-000003"));
		assertThat(both.fixes).isEqualTo(4);
		assertThat(both.avgSpeedMps()).isEqualTo(5.0);
		assertThat(both.deliveries).isEqualTo(1);
		assertThat(both.avgDeliverySeconds()).isEqualTo(600.0);
	}

	private void fix(String riderId, double[] point, double speed, long millis) {
		Instant at = T0.plusMillis(millis);
		this.slicer.process(new Record<>(riderId,
				new RiderLocation(riderId, 1, null, point[0], point[1], speed, 0, 5, at), at.toEpochMilli()));
	}

	private void flush() {
		this.context.scheduledPunctuators().get(0).getPunctuator().punctuate(System.currentTimeMillis());
	}

	@SuppressWarnings("unchecked")
	private List<Record<String, ZoneAggregate>> sent() {
		return this.context.forwarded()
			.stream()
			.map((forward) -> (Record<String, ZoneAggregate>) forward.record())
			.toList();
	}

	private static Record<String, ZoneAggregate> only(List<Record<String, ZoneAggregate>> sent, String zone,
			Instant latest) {
		List<Record<String, ZoneAggregate>> matching = sent.stream()
			.filter((record) -> record.key().equals(zone) && record.timestamp() == latest.toEpochMilli())
			.toList();
		assertThat(matching).as("records of %s with time %s", zone, latest).hasSize(1);
		return matching.get(0);
	}

	private static String zone(double[] point) {
		return Zones.zoneId(point[0], point[1]);
	}

}
