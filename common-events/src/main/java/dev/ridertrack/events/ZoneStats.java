package dev.ridertrack.events;

import java.time.Instant;

/**
 * Aggregates of one zone over one time window, keyed by {@code zoneId} on
 * {@link Topics#ZONE_STATS}.
 *
 * @param zoneId the zone, as {@link Zones#zoneId(double, double)} names it
 * @param windowStart start of the window, inclusive
 * @param windowEnd end of the window, exclusive
 * @param activeRiders distinct riders seen in the zone during the window
 * @param fixes fixes received from the zone during the window
 * @param avgSpeedMps mean speed of those fixes in metres per second
 * @param deliveriesCompleted orders delivered in the zone during the window
 * @param avgDeliverySeconds mean time from order creation to delivery of those orders
 */
public record ZoneStats(String zoneId, Instant windowStart, Instant windowEnd, long activeRiders, long fixes,
		double avgSpeedMps, long deliveriesCompleted, double avgDeliverySeconds) {
}
