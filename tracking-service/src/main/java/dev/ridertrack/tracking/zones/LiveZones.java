package dev.ridertrack.tracking.zones;

import java.time.Instant;
import java.util.List;

/**
 * The dashboard's zone layer and city charts.
 *
 * @param windowEnd the end of the newest window seen, or {@code null} before the first
 * @param zones every zone that still reports, busiest first
 * @param series city-wide figures per window, oldest first
 */
record LiveZones(Instant windowEnd, List<Zone> zones, List<CityWindow> series) {

	/**
	 * A zone's newest window, drawn as a heat cell.
	 *
	 * @param zoneId the geohash cell
	 * @param bounds the cell as {@code [south, west, north, east]}
	 * @param windowEnd the end of its newest window
	 * @param activeRiders riders seen in it
	 * @param fixes fixes received in it
	 * @param avgSpeedMps mean speed of those fixes
	 * @param deliveriesCompleted orders delivered in it
	 * @param avgDeliverySeconds mean creation-to-delivery time of those orders
	 */
	record Zone(String zoneId, double[] bounds, Instant windowEnd, long activeRiders, long fixes, double avgSpeedMps,
			long deliveriesCompleted, double avgDeliverySeconds) {
	}

	/**
	 * The whole city in one window, a point of the charts.
	 *
	 * @param windowStart start, inclusive
	 * @param windowEnd end of the latest zone window starting then
	 * @param fixesPerSecond fixes per second in the window
	 * @param activeRiders riders counted per zone (one crossing a border counts twice)
	 * @param deliveriesPerMinute deliveries in the minute up to the window's end
	 * @param avgDeliverySeconds their mean delivery time, or {@code null} without any
	 */
	record CityWindow(Instant windowStart, Instant windowEnd, double fixesPerSecond, long activeRiders,
			long deliveriesPerMinute, Double avgDeliverySeconds) {
	}

}
