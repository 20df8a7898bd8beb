package dev.ridertrack.tracking.state;

import java.util.Map;

/**
 * A rider as the dashboard's detail panel and the customer page read it: the newest fix
 * and what the rider is doing.
 *
 * @param riderId the rider
 * @param seq the fix's sequence number
 * @param lat latitude
 * @param lon longitude
 * @param speedMps speed in metres per second
 * @param headingDeg heading in degrees
 * @param accuracyM accuracy in metres
 * @param recordedAt when the phone took the fix, epoch milliseconds
 * @param state {@code idle}, {@code to-restaurant} or {@code to-customer}
 * @param orderId the order the rider is on, or {@code null}
 */
public record RiderView(String riderId, long seq, double lat, double lon, double speedMps, double headingDeg,
		double accuracyM, long recordedAt, String state, String orderId) {

	/**
	 * The view of a rider's stored hash.
	 * @param riderId the rider
	 * @param fields the fields {@link RiderStore#rider(String)} returned, not empty
	 * @return the view
	 */
	public static RiderView of(String riderId, Map<String, String> fields) {
		String order = fields.get("order");
		return new RiderView(riderId, Long.parseLong(fields.get("seq")), Double.parseDouble(fields.get("lat")),
				Double.parseDouble(fields.get("lon")), Double.parseDouble(fields.get("speed")),
				Double.parseDouble(fields.get("heading")), Double.parseDouble(fields.get("accuracy")),
				Long.parseLong(fields.get("at")), fields.getOrDefault("state", "idle"),
				(order != null && !order.isEmpty()) ? order : null);
	}

}
