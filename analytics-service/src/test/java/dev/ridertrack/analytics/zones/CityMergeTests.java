package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several analytics instances answer for one city: a window is final only when every
 * instance has closed it, and the city is as far behind as its slowest instance.
 */
class CityMergeTests {

	static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

	@Test
	void windowIsCompleteOnlyWhenEveryInstanceHasClosedIt() {
		CityStats ahead = new CityStats(
				List.of(new CityStats.Fixes(T0, T0.plusSeconds(10), 500, 2500, true),
						new CityStats.Fixes(T0.plusSeconds(10), T0.plusSeconds(20), 500, 2500, true)),
				List.of(), T0.plusSeconds(30), 0);
		CityStats lagging = new CityStats(
				List.of(new CityStats.Fixes(T0, T0.plusSeconds(10), 400, 2000, true),
						new CityStats.Fixes(T0.plusSeconds(10), T0.plusSeconds(20), 150, 900, false)),
				List.of(), T0.plusSeconds(20), 40);

		CityStats city = CityWideQueries.merge(List.of(ahead, lagging));

		assertThat(city.fixes()).extracting(CityStats.Fixes::fixesPerSecond).containsExactly(900.0, 650.0);
		assertThat(city.fixes()).extracting(CityStats.Fixes::complete).containsExactly(true, false);
		assertThat(city.streamTime()).isEqualTo(T0.plusSeconds(20));
		assertThat(city.behindSeconds()).isEqualTo(40);
	}

}
