package dev.ridertrack.events;

/**
 * Great-circle geometry on a spherical Earth, accurate to a few metres over a city.
 */
public final class Geo {

	/** Mean Earth radius in metres (IUGG). */
	public static final double EARTH_RADIUS_M = 6_371_008.8;

	private Geo() {
	}

	/**
	 * The great-circle (haversine) distance between two points.
	 * @param lat1 latitude of the first point in degrees
	 * @param lon1 longitude of the first point in degrees
	 * @param lat2 latitude of the second point in degrees
	 * @param lon2 longitude of the second point in degrees
	 * @return the distance in metres
	 */
	public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
		double phi1 = Math.toRadians(lat1);
		double phi2 = Math.toRadians(lat2);
		double dPhi = phi2 - phi1;
		double dLambda = Math.toRadians(lon2 - lon1);
		double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
				+ Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
		return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
	}

	/**
	 * The initial bearing from the first point towards the second.
	 * @param lat1 latitude of the start in degrees
	 * @param lon1 longitude of the start in degrees
	 * @param lat2 latitude of the destination in degrees
	 * @param lon2 longitude of the destination in degrees
	 * @return degrees clockwise from north, in [0, 360)
	 */
	public static double bearingDegrees(double lat1, double lon1, double lat2, double lon2) {
		double phi1 = Math.toRadians(lat1);
		double phi2 = Math.toRadians(lat2);
		double dLambda = Math.toRadians(lon2 - lon1);
		double y = Math.sin(dLambda) * Math.cos(phi2);
		double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
		double degrees = Math.toDegrees(Math.atan2(y, x));
		return (degrees + 360) % 360;
	}

}
