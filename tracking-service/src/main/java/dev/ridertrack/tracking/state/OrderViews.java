package dev.ridertrack.tracking.state;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * What a customer page or the dashboard shows about an order: its steps, the restaurant
 * and home, the rider's newest position and trail, and the ETA once eta-service has one.
 */
@Component
public class OrderViews {

	private final OrderStore orders;

	private final RiderStore riders;

	OrderViews(OrderStore orders, RiderStore riders) {
		this.orders = orders;
		this.riders = riders;
	}

	/**
	 * The view of an order.
	 * @param orderId the order
	 * @param withTrail whether to include the rider's recent trail
	 * @return the view, or {@code null} when the order is unknown
	 */
	public Map<String, Object> view(String orderId, boolean withTrail) {
		Map<String, String> order = this.orders.order(orderId);
		if (order.isEmpty() || !order.containsKey("status")) {
			return null;
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("orderId", orderId);
		view.put("status", order.get("status"));
		Map<String, Object> steps = new LinkedHashMap<>();
		steps.put("placed", number(order.get("createdAt")));
		steps.put("assigned", number(order.get("assignedAt")));
		steps.put("pickedUp", number(order.get("picked_upAt")));
		steps.put("delivered", number(order.get("deliveredAt")));
		steps.put("cancelled", number(order.get("cancelledAt")));
		view.put("steps", steps);
		view.put("restaurant", place(order.get("restaurant")));
		view.put("customer", place(order.get("customer")));
		String riderId = order.get("rider");
		view.put("riderId", riderId);
		if (riderId != null) {
			Map<String, String> rider = this.riders.rider(riderId);
			if (!rider.isEmpty()) {
				view.put("rider", RiderViews.rider(riderId, rider));
			}
			if (withTrail) {
				view.put("trail", this.riders.trail(riderId));
			}
		}
		if (order.containsKey("etaSeconds")) {
			Map<String, Object> eta = new LinkedHashMap<>();
			eta.put("seconds", number(order.get("etaSeconds")));
			eta.put("remainingMeters", number(order.get("etaRemainingMeters")));
			eta.put("computedAt", number(order.get("etaComputedAt")));
			view.put("eta", eta);
		}
		return view;
	}

	private static Long number(String value) {
		return (value != null && !value.isEmpty()) ? Long.valueOf(value) : null;
	}

	private static Map<String, Object> place(String raw) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String[] parts = raw.split("\\|", -1);
		if (parts.length < 4) {
			return null;
		}
		Map<String, Object> place = new LinkedHashMap<>();
		place.put("id", parts[0]);
		place.put("name", parts[1]);
		place.put("lat", Double.parseDouble(parts[2]));
		place.put("lon", Double.parseDouble(parts[3]));
		return place;
	}

}
