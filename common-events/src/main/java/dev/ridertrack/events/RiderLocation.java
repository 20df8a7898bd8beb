package dev.ridertrack.events;

import java.time.Instant;

/**
 * One GPS fix from a rider's phone. Keyed by {@code riderId} on
 * {@link Topics#RIDER_LOCATIONS}, so one rider's fixes stay in order in one partition.
 *
 * @param riderId the rider who sent the fix
 * @param seq rises by one per fix of this rider; with the rider id it makes every fix
 * unique, so a redelivered fix can be recognised and skipped
 * @param orderId the order the rider is carrying or riding to, or {@code null} when idle
 * @param lat latitude in degrees, WGS 84
 * @param lon longitude in degrees, WGS 84
 * @param speedMps ground speed in metres per second
 * @param headingDeg direction of travel in degrees clockwise from north, [0, 360)
 * @param accuracyM horizontal accuracy radius in metres
 * @param recordedAt when the phone took the fix
 */
public record RiderLocation(String riderId, long seq, String orderId, double lat, double lon, double speedMps,
		double headingDeg, double accuracyM, Instant recordedAt) {

	/**
	 * The id that makes this fix unique across the whole stream: {@code riderId:seq}.
	 * @return the fix id
	 */
	public String fixId() {
		return this.riderId + ":" + this.seq;
	}

}
