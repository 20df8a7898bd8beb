package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoRefreshTests {

	private static final double LAT = 52.52;

	private static final double LON = 13.405;

	/** Degrees of latitude in 10 m. */
	private static final double TEN_METRES = 10 / 111_195.0;

	private final GeoRefresh refresh = new GeoRefresh();

	@Test
	void indexesARiderItHasNotSeenAndThenOnlyOnceItHasMovedFiftyMetres() {
		assertThat(this.refresh.due("rider-1", LAT, LON, 0)).isTrue();
		assertThat(this.refresh.due("rider-1", LAT + 2 * TEN_METRES, LON, 5_000)).isFalse();
		assertThat(this.refresh.due("rider-1", LAT + 4.9 * TEN_METRES, LON, 10_000)).isFalse();
		assertThat(this.refresh.due("rider-1", LAT + 5.1 * TEN_METRES, LON, 15_000)).isTrue();
		// measured from where it was indexed last, not from the previous fix
		assertThat(this.refresh.due("rider-1", LAT + 8 * TEN_METRES, LON, 20_000)).isFalse();
		assertThat(this.refresh.due("rider-1", LAT + 10.2 * TEN_METRES, LON, 25_000)).isTrue();
	}

	@Test
	void indexesAStandingRiderAgainAfterThirtySeconds() {
		assertThat(this.refresh.due("rider-1", LAT, LON, 0)).isTrue();
		assertThat(this.refresh.due("rider-1", LAT, LON, 29_999)).isFalse();
		assertThat(this.refresh.due("rider-1", LAT, LON, 30_000)).isTrue();
		assertThat(this.refresh.due("rider-1", LAT, LON, 35_000)).isFalse();
	}

	@Test
	void keepsEachRiderApart() {
		assertThat(this.refresh.due("rider-1", LAT, LON, 0)).isTrue();
		assertThat(this.refresh.due("rider-2", LAT, LON, 0)).isTrue();
		assertThat(this.refresh.due("rider-2", LAT, LON, 1_000)).isFalse();
	}

	@Test
	void measuresEastWestDistanceAtTheRiderLatitude() {
		// a degree of longitude at 60° north is half a degree of latitude
		assertThat(GeoRefresh.distanceMetres(60, 10, 60, 11)).isCloseTo(111_195 / 2.0, within(100.0));
		assertThat(GeoRefresh.distanceMetres(LAT, LON, LAT + TEN_METRES, LON)).isCloseTo(10, within(0.01));
	}

	@Test
	void aRiderEntryHoldsItsRedisKeysEncodedOnce() {
		GeoRefresh.Rider rider = this.refresh.rider("rider-é1");
		assertThat(new String(rider.id, StandardCharsets.UTF_8)).isEqualTo("rider-é1");
		assertThat(new String(rider.hashKey, StandardCharsets.UTF_8)).isEqualTo("rider:rider-é1");
		assertThat(new String(rider.trailKey, StandardCharsets.UTF_8)).isEqualTo("trail:rider-é1");
		assertThat(this.refresh.rider("rider-é1")).isSameAs(rider);
	}

}
