package dev.ridertrack.dbwriter.history;

import java.time.Instant;

/**
 * One point of a track as the replay draws it.
 *
 * @param seq the rider's sequence number of the fix
 * @param t when the phone took it
 * @param lat latitude
 * @param lon longitude
 * @param speedMps reported speed
 * @param orderId the order the rider was on, or {@code null}
 */
record TrackPoint(long seq, Instant t, double lat, double lon, double speedMps, String orderId) {
}
