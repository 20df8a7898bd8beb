package dev.ridertrack.tracking.state;

import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.state.RiderStore.TrailPoint;

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
	public OrderView view(String orderId, boolean withTrail) {
		Map<String, String> order = this.orders.order(orderId);
		if (order.isEmpty() || !order.containsKey("status")) {
			return null;
		}
		String riderId = order.get("rider");
		RiderView rider = null;
		List<TrailPoint> trail = null;
		if (riderId != null) {
			Map<String, String> fields = this.riders.rider(riderId);
			if (!fields.isEmpty()) {
				rider = RiderView.of(riderId, fields);
			}
			if (withTrail) {
				trail = this.riders.trail(riderId);
			}
		}
		return OrderView.of(orderId, order, rider, trail);
	}

}
