package dev.ridertrack.loadgen.city;

import java.time.Instant;

/**
 * What really happened to a delivered order: the ground truth that ETAs and analytics
 * downstream are checked against.
 *
 * @param orderId the order
 * @param riderId the rider who delivered it
 * @param restaurantId where it was picked up
 * @param customerId where it was delivered
 * @param createdAt when the customer ordered
 * @param assignedAt when the rider was assigned
 * @param arrivedAtRestaurantAt when the rider reached the restaurant
 * @param pickedUpAt when the rider left with the food
 * @param arrivedAtCustomerAt when the rider reached the customer's door
 * @param deliveredAt when the customer had the food
 * @param toRestaurantMeters distance ridden from assignment to the restaurant
 * @param toCustomerMeters distance ridden from the restaurant to the customer
 */
public record DeliveredOrder(String orderId, String riderId, String restaurantId, String customerId, Instant createdAt,
		Instant assignedAt, Instant arrivedAtRestaurantAt, Instant pickedUpAt, Instant arrivedAtCustomerAt,
		Instant deliveredAt, double toRestaurantMeters, double toCustomerMeters) {

	/**
	 * @return the whole route ridden for the order, metres
	 */
	public double routeMeters() {
		return this.toRestaurantMeters + this.toCustomerMeters;
	}

	/**
	 * @return seconds from pick-up to delivery: what a delivery ETA predicts
	 */
	public double deliverySeconds() {
		return (this.deliveredAt.toEpochMilli() - this.pickedUpAt.toEpochMilli()) / 1000.0;
	}

}
