package dev.ridertrack.dbwriter.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TripStatsTests {

	private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	/** About 111 m per 0.001 degree of latitude. */
	private static final double DEG_PER_10M = 10 / 111_195.0;

	@Test
	void measuresDistanceMovingTimeAndStops() {
		List<TrackPoint> track = new ArrayList<>();
		double lat = 52.5;
		int t = 0;
		// 60 s riding north at 10 m/s, a 60 s stop, 60 s riding, a 10 s pause (not a
		// stop), 30 s riding
		t = ride(track, lat, t, 60);
		lat = track.get(track.size() - 1).lat();
		t = stand(track, lat, t, 60);
		t = ride(track, lat, t, 60);
		lat = track.get(track.size() - 1).lat();
		t = stand(track, lat, t, 10);
		ride(track, lat, t, 30);

		TripStats stats = TripStats.of(track);

		assertThat(stats.distanceMeters()).isCloseTo(1500, within(5.0));
		assertThat(stats.movingSeconds()).isEqualTo(150);
		assertThat(stats.stops()).isEqualTo(1);
		assertThat(stats.durationSeconds()).isEqualTo(220);
		assertThat(stats.avgMovingSpeedMps()).isCloseTo(10, within(0.1));
	}

	@Test
	void anEmptyOrSinglePointTrackHasNoDistance() {
		assertThat(TripStats.of(List.of()).distanceMeters()).isZero();
		assertThat(TripStats.of(List.of(point(1, 0, 52.5))).durationSeconds()).isZero();
	}

	private static int ride(List<TrackPoint> track, double lat, int t, int seconds) {
		if (track.isEmpty()) {
			track.add(point(0, t, lat));
		}
		for (int i = 1; i <= seconds; i++) {
			track.add(point(track.size(), t + i, lat + i * DEG_PER_10M));
		}
		return t + seconds;
	}

	private static int stand(List<TrackPoint> track, double lat, int t, int seconds) {
		for (int i = 1; i <= seconds; i++) {
			track.add(point(track.size(), t + i, lat));
		}
		return t + seconds;
	}

	private static TrackPoint point(long seq, int second, double lat) {
		return new TrackPoint(seq, START.plusSeconds(second), lat, 13.4, 0, null);
	}

}
