package dev.ridertrack.tracking.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which fixes move a rider in the GEO set. A {@code GEOADD} into a sorted set of
 * 100,000 riders was Redis' largest command per fix at 20,000 fixes/s (issue 14): a
 * rider's geohash changes with every metre, so every fix moved it in the skip list. A
 * rider is now re-indexed when it is {@value #METRES} m or more from where it was
 * indexed, or when that was {@value #MAX_AGE_MILLIS} ms ago, so a nearby search finds
 * riders by a position at most that far off. The hash (the rider API, the order page) and
 * the trail always get every fix.
 * <p>
 * What was indexed is remembered in this instance only. Another instance that took the
 * rider's partition meanwhile re-indexes it on its own first fix; when the partition
 * comes back, the age bound re-indexes it within {@value #MAX_AGE_MILLIS} ms. Forgetting
 * costs one {@code GEOADD}, so the memory is simply cleared when it exceeds
 * {@value #MAX_RIDERS} riders (riders that went silent are not tracked otherwise).
 */
final class GeoRefresh {

	/** How far a rider may be from its indexed position. */
	static final double METRES = 50;

	/** How old an indexed position may get. */
	static final long MAX_AGE_MILLIS = 30_000;

	private static final int MAX_RIDERS = 1_000_000;

	private static final double METRES_PER_DEGREE = 111_195;

	private final Map<String, Indexed> indexed = new ConcurrentHashMap<>();

	/**
	 * Whether this fix should move the rider in the GEO set; if so, it is remembered as
	 * the rider's indexed position.
	 * @param riderId the rider
	 * @param lat the fix's latitude
	 * @param lon the fix's longitude
	 * @param atMillis the fix's time
	 * @return {@code true} to {@code GEOADD} it
	 */
	boolean due(String riderId, double lat, double lon, long atMillis) {
		Indexed last = this.indexed.get(riderId);
		if (last != null && Math.abs(atMillis - last.atMillis) < MAX_AGE_MILLIS
				&& distanceMetres(last.lat, last.lon, lat, lon) < METRES) {
			return false;
		}
		if (this.indexed.size() >= MAX_RIDERS) {
			this.indexed.clear();
		}
		this.indexed.put(riderId, new Indexed(lat, lon, atMillis));
		return true;
	}

	/**
	 * The distance between two nearby points on the equirectangular approximation: within
	 * a fraction of a metre of the great-circle distance at these distances.
	 */
	static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
		double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
		double y = Math.toRadians(lat2 - lat1);
		return Math.sqrt(x * x + y * y) * Math.toDegrees(1) * METRES_PER_DEGREE;
	}

	private record Indexed(double lat, double lon, long atMillis) {
	}

}
