package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.rest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The city JSON the dashboard's rider chart ({@code zones.js}, through tracking-service's
 * proxy) reads: each live window's end and its distinct riders.
 */
class CityStatsJsonTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void cityHasItsLiveWindowsAndMinutesOfDeliveries() {
		CityStats city = new CityStats(List.of(new CityStats.Fixes(T0, T0.plusSeconds(10), 12.5, 40, true)),
				List.of(new CityStats.Deliveries(T0, T0.plusSeconds(60), 3, 1250.5, false)), T0.plusSeconds(20), 0);
		assertThat(rest(city)).isEqualTo(parse("""
				{"fixes":[{"windowStart":"2026-11-22T10:00:00Z","windowEnd":"2026-11-22T10:00:10Z",
				           "fixesPerSecond":12.5,"activeRiders":40,"complete":true}],
				 "deliveries":[{"windowStart":"2026-11-22T10:00:00Z","windowEnd":"2026-11-22T10:01:00Z",
				                "deliveries":3,"avgDeliverySeconds":1250.5,"complete":false}],
				 "streamTime":"2026-11-22T10:00:20Z","behindSeconds":0}"""));
	}

}
