package dev.ridertrack.tracking.zones;

import java.time.Instant;
import java.util.List;

import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.tracking.zones.LiveZones.CityWindow;
import dev.ridertrack.tracking.zones.LiveZones.Zone;
import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.rest;
import static org.assertj.core.api.Assertions.assertThat;

class ZoneBoardTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	final ZoneBoard board = new ZoneBoard();

	@Test
	void countsDeliveriesOfTheTrailingMinuteWithTheirWeightedAverageTime() {
		this.board.add(stats("u33dc0", 0, 2, 1, 1000));
		this.board.add(stats("u33dc1", 30, 2, 2, 1600));
		this.board.add(stats("u33dc0", 60, 2, 1, 2200));
		CityWindow newest = series().get(2);
		// the window at 0 s ended a minute before this one ends: outside its minute
		assertThat(newest.deliveriesPerMinute()).isEqualTo(3);
		assertThat(newest.avgDeliverySeconds()).isEqualTo(1800.0);
		assertThat(series().get(1).deliveriesPerMinute()).isEqualTo(3);
		assertThat(series().get(1).avgDeliverySeconds()).isEqualTo(1400.0);
	}

	@Test
	void aRepublishedWindowReplacesTheEarlierVersion() {
		this.board.add(stats("u33dc0", 0, 3, 0, 0));
		this.board.add(stats("u33dc0", 0, 5, 0, 0));
		assertThat(series()).singleElement()
			.satisfies((p) -> assertThat(p.activeRiders()).isEqualTo(5),
					(p) -> assertThat(p.fixesPerSecond()).isEqualTo(5.0));
	}

	@Test
	void dropsZonesThatStoppedReportingAndWindowsOlderThanTheSpan() {
		this.board.add(stats("u33dc0", 0, 1, 0, 0));
		this.board.add(stats("u33dc1", 0, 1, 0, 0));
		this.board.add(stats("u33dc1", 600, 1, 0, 0));
		assertThat(zones()).extracting(Zone::zoneId).containsExactly("u33dc1");
		assertThat(series()).hasSize(2);
		this.board.add(stats("u33dc1", 610, 1, 0, 0));
		assertThat(series()).extracting(CityWindow::windowStart)
			.containsExactly(T0.plusSeconds(600), T0.plusSeconds(610));
	}

	@Test
	void servesTheZoneLayerAndTheChartsAsTheDashboardReadsThem() {
		this.board.add(new ZoneStats("u33dc0", T0, T0.plusSeconds(10), 3, 30, 5.5, 0, 0));
		this.board.add(new ZoneStats("u33dc1", T0, T0.plusSeconds(10), 4, 40, 5, 2, 1200));
		this.board.add(new ZoneStats("u33dc1", T0.plusSeconds(10), T0.plusSeconds(20), 5, 41, 4.25, 1, 1000));
		assertThat(rest(this.board.zones())).isEqualTo(parse("""
				{"windowEnd":"2026-11-22T10:00:20Z",
				 "zones":[
				  {"zoneId":"u33dc1","bounds":[52.5201416015625,13.4033203125,52.525634765625,13.414306640625],
				   "windowEnd":"2026-11-22T10:00:20Z","activeRiders":5,"fixes":41,"avgSpeedMps":4.25,
				   "deliveriesCompleted":1,"avgDeliverySeconds":1000.0},
				  {"zoneId":"u33dc0","bounds":[52.5146484375,13.4033203125,52.5201416015625,13.414306640625],
				   "windowEnd":"2026-11-22T10:00:10Z","activeRiders":3,"fixes":30,"avgSpeedMps":5.5,
				   "deliveriesCompleted":0,"avgDeliverySeconds":0.0}],
				 "series":[
				  {"windowStart":"2026-11-22T10:00:00Z","windowEnd":"2026-11-22T10:00:10Z","fixesPerSecond":7.0,
				   "activeRiders":7,"deliveriesPerMinute":2,"avgDeliverySeconds":1200.0},
				  {"windowStart":"2026-11-22T10:00:10Z","windowEnd":"2026-11-22T10:00:20Z","fixesPerSecond":4.1,
				   "activeRiders":5,"deliveriesPerMinute":3,"avgDeliverySeconds":1133.3333333333333}]}"""));
	}

	@Test
	void servesAnEmptyBoardBeforeTheFirstWindow() {
		assertThat(rest(this.board.zones())).isEqualTo(parse("""
				{"windowEnd":null,"zones":[],"series":[]}"""));
	}

	@Test
	void aCityWindowWithoutDeliveriesHasANullDeliveryTime() {
		this.board.add(stats("u33dc0", 0, 2, 0, 0));
		assertThat(rest(this.board.zones()).get("series").get(0).get("avgDeliverySeconds").isNull()).isTrue();
	}

	private List<CityWindow> series() {
		return this.board.zones().series();
	}

	private List<Zone> zones() {
		return this.board.zones().zones();
	}

	private static ZoneStats stats(String zone, int startSecond, long riders, long deliveries, double avgSeconds) {
		Instant start = T0.plusSeconds(startSecond);
		return new ZoneStats(zone, start, start.plusSeconds(10), riders, riders * 10, 5, deliveries, avgSeconds);
	}

}
