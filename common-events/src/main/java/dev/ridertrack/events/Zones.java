package dev.ridertrack.events;

/**
 * City zones as geohash cells. A zone id is the point's geohash at
 * {@link #ZONE_PRECISION} characters: cells of about 1.2 km by 0.6 km, small enough to
 * show where riders crowd and large enough to hold a useful number of them.
 */
public final class Zones {

	/** Geohash length of a zone id. */
	public static final int ZONE_PRECISION = 6;

	private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();

	private Zones() {
	}

	/**
	 * The zone a point lies in.
	 * @param lat latitude in degrees
	 * @param lon longitude in degrees
	 * @return the zone id
	 */
	public static String zoneId(double lat, double lon) {
		return geohash(lat, lon, ZONE_PRECISION);
	}

	/**
	 * The geohash of a point.
	 * @param lat latitude in degrees, [-90, 90]
	 * @param lon longitude in degrees, [-180, 180]
	 * @param precision number of characters, 1 to 12
	 * @return the geohash
	 */
	public static String geohash(double lat, double lon, int precision) {
		if (precision < 1 || precision > 12) {
			throw new IllegalArgumentException("precision must be between 1 and 12, was " + precision);
		}
		if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
			throw new IllegalArgumentException("not a point on Earth: " + lat + ", " + lon);
		}
		double[] latRange = { -90, 90 };
		double[] lonRange = { -180, 180 };
		StringBuilder hash = new StringBuilder(precision);
		boolean evenBit = true;
		int bit = 0;
		int index = 0;
		while (hash.length() < precision) {
			double[] range = evenBit ? lonRange : latRange;
			double value = evenBit ? lon : lat;
			double mid = (range[0] + range[1]) / 2;
			index <<= 1;
			if (value >= mid) {
				index |= 1;
				range[0] = mid;
			}
			else {
				range[1] = mid;
			}
			evenBit = !evenBit;
			if (++bit == 5) {
				hash.append(BASE32[index]);
				bit = 0;
				index = 0;
			}
		}
		return hash.toString();
	}

	/**
	 * The bounds of a geohash cell, for drawing a zone on a map.
	 * @param geohash a geohash
	 * @return {@code [minLat, minLon, maxLat, maxLon]}
	 */
	public static double[] bounds(String geohash) {
		double[] latRange = { -90, 90 };
		double[] lonRange = { -180, 180 };
		boolean evenBit = true;
		for (char c : geohash.toCharArray()) {
			int index = new String(BASE32).indexOf(c);
			if (index < 0) {
				throw new IllegalArgumentException("not a geohash: " + geohash);
			}
			for (int shift = 4; shift >= 0; shift--) {
				double[] range = evenBit ? lonRange : latRange;
				double mid = (range[0] + range[1]) / 2;
				if (((index >> shift) & 1) == 1) {
					range[0] = mid;
				}
				else {
					range[1] = mid;
				}
				evenBit = !evenBit;
			}
		}
		return new double[] { latRange[0], lonRange[0], latRange[1], lonRange[1] };
	}

}
