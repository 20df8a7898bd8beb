package dev.ridertrack.tracking.zones;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ridertrack.events.ZoneStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneBoardTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	final ZoneBoard board = new ZoneBoard();

	@Test
	void countsDeliveriesOfTheTrailingMinuteWithTheirWeightedAverageTime() {
		this.board.add(stats("u33dc0", 0, 2, 1, 1000));
		this.board.add(stats("u33dc1", 30, 2, 2, 1600));
		this.board.add(stats("u33dc0", 60, 2, 1, 2200));
		Map<String, Object> newest = series().get(2);
		// the window at 0 s ended a minute before this one ends: outside its minute
		assertThat(newest).containsEntry("deliveriesPerMinute", 3L).containsEntry("avgDeliverySeconds", 1800.0);
		assertThat(series().get(1)).containsEntry("deliveriesPerMinute", 3L)
			.containsEntry("avgDeliverySeconds", 1400.0);
	}

	@Test
	void aRepublishedWindowReplacesTheEarlierVersion() {
		this.board.add(stats("u33dc0", 0, 3, 0, 0));
		this.board.add(stats("u33dc0", 0, 5, 0, 0));
		assertThat(series()).singleElement()
			.satisfies((p) -> assertThat(p).containsEntry("activeRiders", 5L).containsEntry("fixesPerSecond", 5.0));
	}

	@Test
	void dropsZonesThatStoppedReportingAndWindowsOlderThanTheSpan() {
		this.board.add(stats("u33dc0", 0, 1, 0, 0));
		this.board.add(stats("u33dc1", 0, 1, 0, 0));
		this.board.add(stats("u33dc1", 600, 1, 0, 0));
		assertThat(zones()).extracting((z) -> z.get("zoneId")).containsExactly("u33dc1");
		assertThat(series()).hasSize(2);
		this.board.add(stats("u33dc1", 610, 1, 0, 0));
		assertThat(series()).extracting((p) -> p.get("windowStart"))
			.containsExactly(T0.plusSeconds(600), T0.plusSeconds(610));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> series() {
		return (List<Map<String, Object>>) this.board.zones().get("series");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> zones() {
		return (List<Map<String, Object>>) this.board.zones().get("zones");
	}

	private static ZoneStats stats(String zone, int startSecond, long riders, long deliveries, double avgSeconds) {
		Instant start = T0.plusSeconds(startSecond);
		return new ZoneStats(zone, start, start.plusSeconds(10), riders, riders * 10, 5, deliveries, avgSeconds);
	}

}
