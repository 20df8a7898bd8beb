package dev.ridertrack.eta.estimate;

import java.time.Instant;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;

/**
 * The order a rider is on, as the topology keeps it per rider.
 *
 * @param orderId the order
 * @param riderId the rider carrying it
 * @param restaurant where the food is picked up
 * @param customer where it goes
 * @param pickedUp whether the food is on the bike
 * @param since when the rider got the order (its latest step's time)
 */
record ActiveOrder(String orderId, String riderId, Place restaurant, Place customer, boolean pickedUp, Instant since) {

	/**
	 * The rider's order after one more order event. Events of one order arrive in order,
	 * but after re-keying by rider the events of the rider's previous and next order may
	 * interleave: the end of an older order must not remove a newer one, and a late step
	 * of an older order must not replace it.
	 * @param current the rider's order so far, or {@code null}
	 * @param event an event of an order assigned to this rider
	 * @return the rider's order now, or {@code null} when the rider is idle
	 */
	static ActiveOrder apply(ActiveOrder current, OrderEvent event) {
		boolean sameOrder = current != null && current.orderId().equals(event.orderId());
		if (event.status() == OrderStatus.DELIVERED || event.status() == OrderStatus.CANCELLED) {
			return sameOrder ? null : current;
		}
		if (current != null && !sameOrder && event.at() != null && current.since() != null
				&& event.at().isBefore(current.since())) {
			return current;
		}
		boolean pickedUp = event.status() == OrderStatus.PICKED_UP || (sameOrder && current.pickedUp());
		return new ActiveOrder(event.orderId(), event.riderId(), event.restaurant(), event.customer(), pickedUp,
				event.at());
	}

}
