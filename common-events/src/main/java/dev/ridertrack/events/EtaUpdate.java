package dev.ridertrack.events;

import java.time.Instant;

/**
 * An order's estimated time of arrival, keyed by {@code orderId} on
 * {@link Topics#ETA_UPDATES}.
 *
 * @param orderId the order
 * @param riderId the rider carrying it
 * @param etaSeconds seconds from {@code computedAt} until the food reaches the customer
 * @param remainingMeters route distance still to ride, via the restaurant if not yet
 * picked up
 * @param computedAt when the estimate was made
 * @param basedOnSeq the {@link RiderLocation#seq()} of the fix the estimate used
 */
public record EtaUpdate(String orderId, String riderId, long etaSeconds, double remainingMeters, Instant computedAt,
		long basedOnSeq) {
}
