package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

/**
 * The city-wide series behind the dashboard's live charts.
 *
 * @param fixes per live window: fixes per second and distinct riders, oldest first
 * @param deliveries per minute: deliveries and mean creation-to-delivery time, oldest
 * first
 */
record CityStats(List<Fixes> fixes, List<Deliveries> deliveries) {

	/**
	 * One live window of the whole city.
	 *
	 * @param windowStart start, inclusive
	 * @param windowEnd end, exclusive
	 * @param fixesPerSecond fixes received per second
	 * @param activeRiders distinct riders seen
	 */
	record Fixes(Instant windowStart, Instant windowEnd, double fixesPerSecond, long activeRiders) {
	}

	/**
	 * One minute of the whole city.
	 *
	 * @param windowStart start, inclusive
	 * @param windowEnd end, exclusive
	 * @param deliveries orders delivered
	 * @param avgDeliverySeconds mean creation-to-delivery time of those orders
	 */
	record Deliveries(Instant windowStart, Instant windowEnd, long deliveries, double avgDeliverySeconds) {
	}

}
