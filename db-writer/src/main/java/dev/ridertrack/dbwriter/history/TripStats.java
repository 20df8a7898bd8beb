package dev.ridertrack.dbwriter.history;

import java.time.Duration;
import java.util.List;

import dev.ridertrack.events.Geo;

/**
 * Statistics of a whole track, computed from every stored fix (before downsampling).
 *
 * @param points fixes in the track
 * @param distanceMeters the length of the path through every fix
 * @param durationSeconds first to last fix
 * @param movingSeconds time spent on segments faster than {@link #MOVING_MPS}
 * @param stops runs of slow segments lasting at least {@link #MIN_STOP}
 * @param avgMovingSpeedMps distance over moving time
 */
record TripStats(int points, double distanceMeters, long durationSeconds, long movingSeconds, int stops,
		double avgMovingSpeedMps) {

	/** Slower than this between two fixes (1.8 km/h) counts as standing still. */
	static final double MOVING_MPS = 0.5;

	/** Standing still at least this long is a stop (a traffic light is not). */
	static final Duration MIN_STOP = Duration.ofSeconds(30);

	static TripStats of(List<TrackPoint> track) {
		double distance = 0;
		double moving = 0;
		double stillFor = 0;
		boolean counted = false;
		int stops = 0;
		for (int i = 1; i < track.size(); i++) {
			TrackPoint a = track.get(i - 1);
			TrackPoint b = track.get(i);
			double meters = Geo.distanceMeters(a.lat(), a.lon(), b.lat(), b.lon());
			double seconds = Duration.between(a.t(), b.t()).toMillis() / 1000.0;
			distance += meters;
			if (seconds <= 0) {
				continue;
			}
			if (meters / seconds >= MOVING_MPS) {
				moving += seconds;
				stillFor = 0;
				counted = false;
			}
			else {
				stillFor += seconds;
				if (!counted && stillFor >= MIN_STOP.toSeconds()) {
					stops++;
					counted = true;
				}
			}
		}
		long duration = track.size() < 2 ? 0
				: Duration.between(track.get(0).t(), track.get(track.size() - 1).t()).toSeconds();
		double avg = (moving > 0) ? distance / moving : 0;
		return new TripStats(track.size(), Math.round(distance * 10) / 10.0, duration, Math.round(moving), stops,
				Math.round(avg * 100) / 100.0);
	}

}
