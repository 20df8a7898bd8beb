package dev.ridertrack.analytics.zones;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A city window's distinct riders, added up across zones without a boxed set: a rider who
 * crossed a zone border within the window counts once.
 */
class RiderHashesTests {

	@Test
	void aRiderSeenInTwoZonesCountsOnce() {
		ZoneQueries.RiderHashes window = new ZoneQueries.RiderHashes();
		window.add(new ZoneAggregate().addFix("rider-000001", 4).addFix("rider-000002", 5));
		window.add(new ZoneAggregate().addFix("rider-000002", 6).addFix("rider-000003", 7));
		window.add(new ZoneAggregate());

		assertThat(window.distinct()).isEqualTo(3);
	}

	@Test
	void holdsAWholeCityOfRiders() {
		ZoneQueries.RiderHashes window = new ZoneQueries.RiderHashes();
		for (int zone = 0; zone < 100; zone++) {
			ZoneAggregate riders = new ZoneAggregate();
			for (int rider = 0; rider < 1_000; rider++) {
				riders.addFix("rider-%06d".formatted(zone * 1_000 + rider), 5);
			}
			window.add(riders);
			// the same riders again, as the next zone saw them cross
			window.add(riders);
		}

		assertThat(window.distinct()).isEqualTo(100_000);
	}

}
