package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * {@value #MAX_RIDERS} riders (riders that went silent are not tracked otherwise). The
 * same entry holds the rider's Redis keys ({@link Rider}).
 */
final class GeoRefresh {

	/** How far a rider may be from its indexed position. */
	static final double METRES = 50;

	/** How old an indexed position may get. */
	static final long MAX_AGE_MILLIS = 30_000;

	private static final int MAX_RIDERS = 1_000_000;

	private static final double METRES_PER_DEGREE = 111_195;

	private static final byte[] RIDER_PREFIX = "rider:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TRAIL_PREFIX = "trail:".getBytes(StandardCharsets.US_ASCII);

	private final Map<String, Rider> riders = new ConcurrentHashMap<>();

	/**
	 * What this instance keeps of a rider: its Redis keys and where it was indexed. One
	 * lookup per fix finds both (each lookup misses the CPU cache with 100,000 riders),
	 * and the keys are encoded once per rider, not per fix.
	 * @param riderId the rider
	 * @return its entry
	 */
	Rider rider(String riderId) {
		Rider rider = this.riders.get(riderId);
		if (rider == null) {
			if (this.riders.size() >= MAX_RIDERS) {
				this.riders.clear();
			}
			rider = new Rider(riderId);
			this.riders.put(riderId, rider);
		}
		return rider;
	}

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
		return due(rider(riderId), lat, lon, atMillis);
	}

	/**
	 * Whether this fix should move the rider in the GEO set; if so, it is remembered as
	 * the rider's indexed position.
	 * @param rider the rider's entry
	 * @param lat the fix's latitude
	 * @param lon the fix's longitude
	 * @param atMillis the fix's time
	 * @return {@code true} to {@code GEOADD} it
	 */
	boolean due(Rider rider, double lat, double lon, long atMillis) {
		if (rider.indexed && Math.abs(atMillis - rider.atMillis) < MAX_AGE_MILLIS
				&& distanceMetres(rider.lat, rider.lon, lat, lon) < METRES) {
			return false;
		}
		rider.indexed = true;
		rider.lat = lat;
		rider.lon = lon;
		rider.atMillis = atMillis;
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

	/**
	 * A rider as this instance knows it. A rider's fixes come from one partition, so one
	 * listener thread changes its entry at a time; after a rebalance another thread may
	 * see an older position and index the rider once more, which costs a {@code GEOADD}.
	 */
	static final class Rider {

		/** The rider id as the script's argument. */
		final byte[] id;

		/** {@code rider:<id>}, the rider's hash. */
		final byte[] hashKey;

		/** {@code trail:<id>}, the rider's trail. */
		final byte[] trailKey;

		private boolean indexed;

		private double lat;

		private double lon;

		private long atMillis;

		Rider(String riderId) {
			this.id = riderId.getBytes(StandardCharsets.UTF_8);
			this.hashKey = prefixed(RIDER_PREFIX, this.id);
			this.trailKey = prefixed(TRAIL_PREFIX, this.id);
		}

		private static byte[] prefixed(byte[] prefix, byte[] id) {
			byte[] key = Arrays.copyOf(prefix, prefix.length + id.length);
			System.arraycopy(id, 0, key, prefix.length, id.length);
			return key;
		}

	}

}
