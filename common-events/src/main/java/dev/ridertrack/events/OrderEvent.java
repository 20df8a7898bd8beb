package dev.ridertrack.events;

import java.time.Instant;

/**
 * A step in an order's life, keyed by {@code orderId} on {@link Topics#ORDER_EVENTS}.
 *
 * @param orderId the order
 * @param riderId the rider carrying it, or {@code null} before one is assigned
 * @param status the step that happened
 * @param restaurant where the food is picked up
 * @param customer where the food is delivered
 * @param at when the step happened
 */
public record OrderEvent(String orderId, String riderId, OrderStatus status, Place restaurant, Place customer,
		Instant at) {
}
