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

	/** The hash field with the position, {@code lat,lon}. */
	static final String POSITION = "pos";

	/** The hash field with what changes rarely, {@code speed,heading,accuracy,order}. */
	static final String MOTION = "motion";

	/**
	 * The view of a rider's stored hash ({@code write-fixes.lua} writes it): {@code seq},
	 * {@code at}, {@code pos} and {@code motion}, and the duty as {@code state} and
	 * {@code order}.
	 * @param riderId the rider
	 * @param fields the fields {@link RiderStore#rider(String)} returned, not empty
	 * @return the view
	 */
	public static RiderView of(String riderId, Map<String, String> fields) {
		String position = fields.get(POSITION);
		int comma = position.indexOf(',');
		// the order id comes last, so a comma in it stays in it
		String[] motion = fields.get(MOTION).split(",", 4);
		String order = fields.getOrDefault("order", (motion.length == 4) ? motion[3] : "");
		return new RiderView(riderId, Long.parseLong(fields.get("seq")),
				Double.parseDouble(position.substring(0, comma)), Double.parseDouble(position.substring(comma + 1)),
				Double.parseDouble(motion[0]), Double.parseDouble(motion[1]), Double.parseDouble(motion[2]),
				Long.parseLong(fields.get("at")), fields.getOrDefault("state", "idle"),
				(order != null && !order.isEmpty()) ? order : null);
	}

}
