package dev.ridertrack.tracking.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.ridertrack.events.Place;
import dev.ridertrack.tracking.state.RiderStore.TrailPoint;

/**
 * An order as the customer page and the dashboard's search read it, over REST and in the
 * WebSocket's {@code order} message. What the service does not have is left out rather
 * than sent as {@code null}: the rider while its fix is unknown, the trail when not asked
 * for, the ETA until eta-service has one (the page shows "calculating…").
 *
 * @param orderId the order
 * @param status its status, an {@code OrderStatus} name
 * @param steps when each step was reached
 * @param restaurant where the food comes from, or {@code null}
 * @param customer where it goes, or {@code null}
 * @param riderId the rider carrying it, or {@code null}
 * @param rider the rider's newest fix, left out when unknown
 * @param trail the rider's recent positions, left out unless asked for
 * @param eta the newest ETA, left out until there is one
 */
public record OrderView(String orderId, String status, Steps steps, Place restaurant, Place customer, String riderId,
		@JsonInclude(Include.NON_NULL) RiderView rider, @JsonInclude(Include.NON_NULL) List<TrailPoint> trail,
		@JsonInclude(Include.NON_NULL) Eta eta) {

	/**
	 * The view of an order's stored hash.
	 * @param orderId the order
	 * @param order the fields {@link OrderStore#order(String)} returned, with a status
	 * @param rider the rider's view, or {@code null}
	 * @param trail the rider's trail, or {@code null} to leave it out
	 * @return the view
	 */
	static OrderView of(String orderId, Map<String, String> order, RiderView rider, List<TrailPoint> trail) {
		Steps steps = new Steps(number(order.get("createdAt")), number(order.get("assignedAt")),
				number(order.get("picked_upAt")), number(order.get("deliveredAt")), number(order.get("cancelledAt")));
		Eta eta = order.containsKey("etaSeconds") ? new Eta(number(order.get("etaSeconds")),
				number(order.get("etaRemainingMeters")), number(order.get("etaComputedAt"))) : null;
		return new OrderView(orderId, order.get("status"), steps, place(order.get("restaurant")),
				place(order.get("customer")), order.get("rider"), rider, trail, eta);
	}

	/**
	 * This view with another ETA.
	 * @param eta the ETA
	 * @return a copy with the ETA replaced
	 */
	public OrderView withEta(Eta eta) {
		return new OrderView(this.orderId, this.status, this.steps, this.restaurant, this.customer, this.riderId,
				this.rider, this.trail, eta);
	}

	private static Long number(String value) {
		return (value != null && !value.isEmpty()) ? Long.valueOf(value) : null;
	}

	/** A place as the order script stores it: {@code id|name|lat|lon}. */
	private static Place place(String raw) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String[] parts = raw.split("\\|", -1);
		if (parts.length < 4) {
			return null;
		}
		return new Place(parts[0], parts[1], Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
	}

	/**
	 * When the order reached each step, epoch milliseconds, {@code null} until it has.
	 *
	 * @param placed created
	 * @param assigned given to a rider
	 * @param pickedUp collected at the restaurant
	 * @param delivered handed over
	 * @param cancelled cancelled
	 */
	public record Steps(Long placed, Long assigned, Long pickedUp, Long delivered, Long cancelled) {
	}

	/**
	 * An ETA as eta-service computed it; the page counts it down from {@code computedAt}.
	 *
	 * @param seconds seconds to go at {@code computedAt}
	 * @param remainingMeters metres to go, or {@code null}
	 * @param computedAt when it was computed, epoch milliseconds
	 */
	public record Eta(Long seconds, Long remainingMeters, Long computedAt) {
	}

}
