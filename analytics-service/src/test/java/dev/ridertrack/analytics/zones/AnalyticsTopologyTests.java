package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.TopologyFixture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsTopologyTests {

	static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

	// Two points in one zone, one in another (Mumbai, Bandra and Colaba).
	static final double[] BANDRA = { 19.0596, 72.8295 };

	static final double[] BANDRA_NEARBY = { 19.0598, 72.8297 };

	static final double[] COLABA = { 18.9067, 72.8147 };

	static final String BANDRA_ZONE = Zones.zoneId(BANDRA[0], BANDRA[1]);

	static final String COLABA_ZONE = Zones.zoneId(COLABA[0], COLABA[1]);

	TopologyFixture topology;

	TopologyTestDriver driver;

	TestInputTopic<String, RiderLocation> fixes;

	TestInputTopic<String, OrderEvent> orders;

	TestOutputTopic<String, ZoneStats> stats;

	@BeforeEach
	void startTopology() throws Exception {
		this.topology = TopologyFixture.start("analytics",
				(builder) -> AnalyticsTopology.build(builder, AnalyticsProperties.defaults()), T0);
		this.driver = this.topology.driver();
		this.fixes = this.topology.input(Topics.RIDER_LOCATIONS);
		this.orders = this.topology.input(Topics.ORDER_EVENTS);
		this.stats = this.topology.output(Topics.ZONE_STATS);
	}

	@AfterEach
	void closeTopology() {
		this.topology.close();
	}

	@Test
	void fixesOfOneWindowAggregatePerZoneWithDistinctRiders() {
		assertThat(BANDRA_ZONE).isEqualTo(Zones.zoneId(BANDRA_NEARBY[0], BANDRA_NEARBY[1]));
		fix("rider-000001", 1, BANDRA, 4.0, 1_000);
		fix("rider-000001", 2, BANDRA_NEARBY, 6.0, 3_000);
		fix("rider-000002", 1, BANDRA, 8.0, 9_999);
		fix("rider-000003", 1, COLABA, 5.0, 2_000);
		// the next window
		fix("rider-000002", 2, BANDRA, 2.0, 10_000);

		List<ZoneStats> bandra = latestPerWindow(BANDRA_ZONE);
		assertThat(bandra).hasSize(2);
		ZoneStats first = bandra.get(0);
		assertThat(first.windowStart()).isEqualTo(T0);
		assertThat(first.windowEnd()).isEqualTo(T0.plusSeconds(10));
		assertThat(first.fixes()).isEqualTo(3);
		assertThat(first.activeRiders()).isEqualTo(2);
		assertThat(first.avgSpeedMps()).isEqualTo(6.0);
		assertThat(bandra.get(1).fixes()).isEqualTo(1);
		assertThat(latestPerWindow(COLABA_ZONE)).singleElement().satisfies((colaba) -> {
			assertThat(colaba.fixes()).isEqualTo(1);
			assertThat(colaba.activeRiders()).isEqualTo(1);
		});
	}

	@Test
	void lateFixInsideGraceCountsAndLaterOneIsDroppedAndCounted() {
		fix("rider-000001", 1, BANDRA, 5.0, 1_000);
		fix("rider-000002", 1, BANDRA, 5.0, 12_000);
		// 11 s late, but its window [0, 10) stays open until stream time 15 s.
		fix("rider-000003", 1, BANDRA, 5.0, 1_000);
		fix("rider-000002", 2, BANDRA, 5.0, 16_000);
		// Now the window has closed: dropped.
		fix("rider-000004", 1, BANDRA, 5.0, 2_000);

		ZoneStats first = latestPerWindow(BANDRA_ZONE).get(0);
		assertThat(first.windowStart()).isEqualTo(T0);
		assertThat(first.fixes()).isEqualTo(2);
		assertThat(first.activeRiders()).isEqualTo(2);
		assertThat(droppedRecords()).as("dropped by the closed 10 s window; the 1 min window still takes it")
			.isEqualTo(1.0);
	}

	@Test
	void deliveriesCountInTheCustomersZoneWithTimeFromCreation() {
		Place restaurant = new Place("r-1", "Colaba Cafe", COLABA[0], COLABA[1]);
		Place customer = new Place("c-1", "Bandra flat", BANDRA[0], BANDRA[1]);
		order("order-1", null, OrderStatus.CREATED, restaurant, customer, 0);
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, restaurant, customer, 30_000);
		order("order-2", null, OrderStatus.CREATED, restaurant, customer, 600_000);
		order("order-1", "rider-000001", OrderStatus.DELIVERED, restaurant, customer, 1_800_000);
		order("order-2", "rider-000002", OrderStatus.DELIVERED, restaurant, customer, 1_801_000);

		List<ZoneStats> bandra = latestPerWindow(BANDRA_ZONE);
		assertThat(bandra).singleElement().satisfies((window) -> {
			assertThat(window.windowStart()).isEqualTo(T0.plusSeconds(1800));
			assertThat(window.deliveriesCompleted()).isEqualTo(2);
			// 1,800 s and 1,201 s
			assertThat(window.avgDeliverySeconds()).isEqualTo(1500.5);
			assertThat(window.fixes()).isZero();
		});
		assertThat(latestPerWindow(COLABA_ZONE)).isEmpty();
	}

	@Test
	void deliveryWithoutSeenCreationCountsWithoutTime() {
		Place place = new Place("p", "p", BANDRA[0], BANDRA[1]);
		order("order-9", "rider-000001", OrderStatus.DELIVERED, place, place, 5_000);

		assertThat(latestPerWindow(BANDRA_ZONE)).singleElement().satisfies((window) -> {
			assertThat(window.deliveriesCompleted()).isEqualTo(1);
			assertThat(window.avgDeliverySeconds()).isZero();
		});
	}

	@Test
	void queriesAnswerFromTheWindowStores() {
		for (int second = 0; second < 30; second++) {
			fix("rider-000001", second, BANDRA, 5.0, second * 1000L);
			fix("rider-000002", second, BANDRA_NEARBY, 7.0, second * 1000L);
			fix("rider-000003", second, COLABA, 3.0, second * 1000L);
		}
		Place place = new Place("p", "p", BANDRA[0], BANDRA[1]);
		order("order-1", null, OrderStatus.CREATED, place, place, 0);
		order("order-1", "rider-000001", OrderStatus.DELIVERED, place, place, 20_000);
		ZoneQueries queries = queries();
		Instant now = T0.plusSeconds(31);

		List<ZoneStats> current = queries.current(now);
		assertThat(current).extracting(ZoneStats::zoneId).containsExactlyInAnyOrder(BANDRA_ZONE, COLABA_ZONE);
		assertThat(current).allSatisfy((zone) -> assertThat(zone.windowStart()).isEqualTo(T0.plusSeconds(20)));
		assertThat(ZoneQueries.busiestFirst(current, 1)).singleElement().satisfies((zone) -> {
			assertThat(zone.zoneId()).isEqualTo(BANDRA_ZONE);
			assertThat(zone.activeRiders()).isEqualTo(2);
			assertThat(zone.fixes()).isEqualTo(20);
		});
		List<ZoneStats> history = queries.history(BANDRA_ZONE, false, now, java.time.Duration.ofMinutes(10));
		assertThat(history).extracting(ZoneStats::fixes).containsExactly(20L, 20L, 20L);
		assertThat(history).extracting(ZoneStats::deliveriesCompleted).containsExactly(0L, 0L, 1L);
		assertThat(queries.history(BANDRA_ZONE, true, now, java.time.Duration.ofHours(1))).singleElement()
			.satisfies((minute) -> assertThat(minute.fixes()).isEqualTo(60));
		CityStats city = queries.city(now);
		assertThat(city.fixes()).extracting(CityStats.Fixes::fixesPerSecond).containsExactly(3.0, 3.0, 3.0);
		assertThat(city.fixes()).extracting(CityStats.Fixes::activeRiders).containsExactly(3L, 3L, 3L);
		assertThat(city.deliveries()).singleElement().satisfies((minute) -> {
			assertThat(minute.deliveries()).isEqualTo(1);
			assertThat(minute.avgDeliverySeconds()).isEqualTo(20.0);
		});
	}

	@Test
	void cityMarksOnlyWindowsPastTheirGraceAsComplete() {
		// 4 s into the window [20 s, 30 s): [10 s, 20 s) still takes fixes up to 5 s late
		for (int second = 0; second < 25; second++) {
			fix("rider-000001", second, BANDRA, 5.0, second * 1000L);
		}
		ZoneQueries queries = queries();

		CityStats city = queries.city(T0.plusSeconds(25));

		assertThat(city.fixes()).extracting(CityStats.Fixes::complete).containsExactly(true, false, false);
		assertThat(city.fixes()).extracting(CityStats.Fixes::windowStart)
			.containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
		assertThat(city.streamTime()).isEqualTo(T0.plusSeconds(20));
		assertThat(city.behindSeconds()).isZero();
	}

	@Test
	void citySaysHowFarBehindTheClockAnalyticsHasCounted() {
		for (int second = 0; second < 60; second++) {
			fix("rider-000001", second, BANDRA, 5.0, second * 1000L);
		}
		ZoneQueries queries = queries();

		// ten minutes later nothing newer has been counted: the series ends where
		// analytics is, and says how far that is from now
		CityStats city = queries.city(T0.plusSeconds(660));

		assertThat(city.streamTime()).isEqualTo(T0.plusSeconds(50));
		assertThat(city.behindSeconds()).isEqualTo(600);
		assertThat(city.fixes()).hasSize(6);
		assertThat(city.fixes()).filteredOn(CityStats.Fixes::complete)
			.extracting(CityStats.Fixes::windowEnd)
			.last()
			.isEqualTo(T0.plusSeconds(40));
	}

	@Test
	void cityAnswersFromTheWindowsEarlierQueriesKeptAsFromTheStores() {
		Place place = new Place("p", "p", COLABA[0], COLABA[1]);
		ZoneQueries polled = queries();
		for (int second = 0; second < 150; second++) {
			fix("rider-000001", second, BANDRA, 5.0, second * 1000L);
			fix("rider-000002", second, (second < 70) ? BANDRA_NEARBY : COLABA, 3.0, second * 1000L);
			if (second == 30) {
				order("order-1", null, OrderStatus.CREATED, place, place, second * 1000L);
			}
			if (second == 100) {
				order("order-1", "rider-000002", OrderStatus.DELIVERED, place, place, second * 1000L);
			}
			if (second % 5 == 0) {
				// a dashboard polling while the windows fill and close
				polled.city(T0.plusSeconds(second));
			}
		}

		CityStats answer = polled.city(T0.plusSeconds(150));

		assertThat(answer).isEqualTo(queries().city(T0.plusSeconds(150)));
		assertThat(answer.fixes()).hasSize(15).filteredOn(CityStats.Fixes::complete).hasSize(13);
		assertThat(answer.fixes()).extracting(CityStats.Fixes::activeRiders).containsOnly(2L);
		assertThat(answer.deliveries()).extracting(CityStats.Deliveries::deliveries).containsExactly(0L, 1L, 0L);
	}

	private ZoneQueries queries() {
		return new ZoneQueries((name) -> this.driver.getWindowStore(name), AnalyticsProperties.defaults(),
				() -> "one instance");
	}

	private double droppedRecords() {
		return this.driver.metrics()
			.entrySet()
			.stream()
			.filter((metric) -> metric.getKey().name().equals("dropped-records-total"))
			.map((metric) -> metric.getValue())
			.mapToDouble((Metric metric) -> ((Number) metric.metricValue()).doubleValue())
			.sum();
	}

	/** The last update of each window of a zone, oldest window first. */
	private List<ZoneStats> latestPerWindow(String zoneId) {
		java.util.Map<Instant, ZoneStats> latest = new java.util.TreeMap<>();
		for (var record : this.stats.readKeyValuesToList()) {
			this.consumed.add(record.value);
		}
		for (ZoneStats stats : this.consumed) {
			if (stats.zoneId().equals(zoneId)) {
				latest.put(stats.windowStart(), stats);
			}
		}
		return List.copyOf(latest.values());
	}

	private final List<ZoneStats> consumed = new java.util.ArrayList<>();

	private void fix(String riderId, long seq, double[] point, double speed, long millis) {
		Instant at = T0.plusMillis(millis);
		this.fixes.pipeInput(riderId, new RiderLocation(riderId, seq, null, point[0], point[1], speed, 0, 5, at), at);
		// A fix a second, as riders send them; each task passes its zone totals on at
		// every slice flush.
		this.driver.advanceWallClockTime(AnalyticsProperties.defaults().sliceFlush());
	}

	private void order(String orderId, String riderId, OrderStatus status, Place restaurant, Place customer,
			long millis) {
		Instant at = T0.plusMillis(millis);
		this.orders.pipeInput(orderId, new OrderEvent(orderId, riderId, status, restaurant, customer, at), at);
	}

}
