package dev.ridertrack.tracking.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rider's stored hash as the JSON the API answers with.
 */
public final class RiderViews {

	private RiderViews() {
	}

	/**
	 * The JSON view of a rider.
	 * @param riderId the rider
	 * @param fields the fields {@link RiderStore#rider(String)} returned
	 * @return the view
	 */
	public static Map<String, Object> rider(String riderId, Map<String, String> fields) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("riderId", riderId);
		view.put("seq", Long.valueOf(fields.get("seq")));
		view.put("lat", Double.valueOf(fields.get("lat")));
		view.put("lon", Double.valueOf(fields.get("lon")));
		view.put("speedMps", Double.valueOf(fields.get("speed")));
		view.put("headingDeg", Double.valueOf(fields.get("heading")));
		view.put("accuracyM", Double.valueOf(fields.get("accuracy")));
		view.put("recordedAt", Long.valueOf(fields.get("at")));
		view.put("state", fields.getOrDefault("state", "idle"));
		String order = fields.get("order");
		view.put("orderId", (order != null && !order.isEmpty()) ? order : null);
		return view;
	}

}
