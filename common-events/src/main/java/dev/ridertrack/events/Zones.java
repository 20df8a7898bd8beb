package dev.ridertrack.events;

/**
 * City zones as geohash cells. A zone id is the point's geohash at
 * {@link #ZONE_PRECISION} characters: cells of about 1.2 km by 0.6 km, small enough to
 * show where riders crowd and large enough to hold a useful number of them.
 */
public final class Zones {

	/** Geohash length of a zone id. */
	public static final int ZONE_PRECISION = 6;

	private static final String BASE32_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

	private static final char[] BASE32 = BASE32_ALPHABET.toCharArray();

	private Zones() {
	}

	/**
	 * The zone a point lies in.
	 * @param lat latitude in degrees
	 * @param lon longitude in degrees
	 * @return the zone id
	 */
	public static String zoneId(double lat, double lon) {
		return zoneId(zoneCell(lat, lon));
	}

	/**
	 * The zone a point lies in, as the 30 bits of its geohash: the cell
	 * {@link #zoneId(double, double)} names, without building its name. For a per-record
	 * path that only groups points by zone (analytics' slicer: the name per fix and a
	 * string key built from it were a tenth of its stream thread, issue 14).
	 * @param lat latitude in degrees, [-90, 90]
	 * @param lon longitude in degrees, [-180, 180]
	 * @return the cell, {@code 0} to {@code 2^30 - 1}
	 */
	public static int zoneCell(double lat, double lon) {
		return (int) bits(lat, lon, ZONE_PRECISION * 5);
	}

	/**
	 * The cell of a zone id: {@link #zoneId(int)} the other way.
	 * @param zoneId a zone id
	 * @return the cell
	 */
	public static int zoneCell(String zoneId) {
		if (zoneId.length() != ZONE_PRECISION) {
			throw new IllegalArgumentException("not a zone id: " + zoneId);
		}
		int cell = 0;
		for (int i = 0; i < ZONE_PRECISION; i++) {
			int index = BASE32_ALPHABET.indexOf(zoneId.charAt(i));
			if (index < 0) {
				throw new IllegalArgumentException("not a zone id: " + zoneId);
			}
			cell = (cell << 5) | index;
		}
		return cell;
	}

	/**
	 * The zone id of a cell from {@link #zoneCell}.
	 * @param cell the cell
	 * @return the zone id
	 */
	public static String zoneId(int cell) {
		return base32(cell, ZONE_PRECISION);
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
		return base32(bits(lat, lon, precision * 5), precision);
	}

	/**
	 * A geohash's bits: each halves the longitude's range, then the latitude's, in turn.
	 * @param lat latitude in degrees, [-90, 90]
	 * @param lon longitude in degrees, [-180, 180]
	 * @param count how many bits, at most 60
	 * @return the bits, the first the highest
	 */
	private static long bits(double lat, double lon, int count) {
		if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
			throw new IllegalArgumentException("not a point on Earth: " + lat + ", " + lon);
		}
		double latLow = -90;
		double latHigh = 90;
		double lonLow = -180;
		double lonHigh = 180;
		long bits = 0;
		for (int bit = 0; bit < count; bit++) {
			bits <<= 1;
			if ((bit & 1) == 0) {
				double mid = (lonLow + lonHigh) / 2;
				if (lon >= mid) {
					bits |= 1;
					lonLow = mid;
				}
				else {
					lonHigh = mid;
				}
			}
			else {
				double mid = (latLow + latHigh) / 2;
				if (lat >= mid) {
					bits |= 1;
					latLow = mid;
				}
				else {
					latHigh = mid;
				}
			}
		}
		return bits;
	}

	/** The last {@code chars} five-bit groups of some bits as geohash characters. */
	private static String base32(long bits, int chars) {
		char[] text = new char[chars];
		for (int i = chars - 1; i >= 0; i--) {
			text[i] = BASE32[(int) (bits & 31)];
			bits >>>= 5;
		}
		return new String(text);
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
			int index = BASE32_ALPHABET.indexOf(c);
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
