package dev.ridertrack.tracking.live;

/**
 * What a session watches: a map viewport, or one order.
 *
 * @param south southern edge of the viewport
 * @param west western edge
 * @param north northern edge
 * @param east eastern edge
 * @param zoom the map's zoom level
 * @param orderId the order watched, or {@code null} for a viewport
 */
record Subscription(double south, double west, double north, double east, int zoom, String orderId) {

	static final Subscription NOTHING = new Subscription(0, 0, 0, 0, 0, null);

	static Subscription viewport(double south, double west, double north, double east, int zoom) {
		return new Subscription(south, west, north, east, zoom, null);
	}

	static Subscription order(String orderId) {
		return new Subscription(-90, -180, 90, 180, 0, orderId);
	}

	boolean contains(int lat, int lon) {
		double la = lat / 1e6;
		double lo = lon / 1e6;
		return la >= this.south && la <= this.north && lo >= this.west && lo <= this.east;
	}

}
