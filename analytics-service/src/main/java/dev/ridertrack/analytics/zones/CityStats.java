package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

/**
 * The city-wide series behind the dashboard's city panel, up to what analytics has
 * counted. A window is {@code complete} once the stream has passed its end by the grace
 * period, so Kafka Streams adds nothing more to it; the newest windows are still filling
 * and their figures are partial (a 10 s window a few seconds old holds a fraction of its
 * fixes).
 *
 * @param fixes per live window: fixes per second and distinct riders, oldest first
 * @param deliveries per minute: deliveries and mean creation-to-delivery time, oldest
 * first
 * @param streamTime how far in event time analytics has counted, to within one live
 * window (the start of the newest live window with fixes), or {@code null} before the
 * first fix
 * @param behindSeconds how far that trails the clock beyond the window still filling:
 * {@code 0} when analytics keeps up
 */
record CityStats(List<Fixes> fixes, List<Deliveries> deliveries, Instant streamTime, long behindSeconds) {

	/**
	 * One live window of the whole city.
	 *
	 * @param windowStart start, inclusive
	 * @param windowEnd end, exclusive
	 * @param fixesPerSecond fixes received per second
	 * @param activeRiders distinct riders seen
	 * @param complete whether the window is closed (its figures are final)
	 */
	record Fixes(Instant windowStart, Instant windowEnd, double fixesPerSecond, long activeRiders, boolean complete) {
	}

	/**
	 * One minute of the whole city.
	 *
	 * @param windowStart start, inclusive
	 * @param windowEnd end, exclusive
	 * @param deliveries orders delivered
	 * @param avgDeliverySeconds mean creation-to-delivery time of those orders
	 * @param complete whether the minute is closed (its figures are final)
	 */
	record Deliveries(Instant windowStart, Instant windowEnd, long deliveries, double avgDeliverySeconds,
			boolean complete) {
	}

}
