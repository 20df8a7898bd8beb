package dev.ridertrack.events;

/**
 * The life of an order, in the order it normally happens.
 */
public enum OrderStatus {

	/** The customer placed the order; no rider yet. */
	CREATED,

	/** A rider was assigned and rides to the restaurant. */
	ASSIGNED,

	/** The rider picked the food up and rides to the customer. */
	PICKED_UP,

	/** The customer has the food. */
	DELIVERED,

	/** The order was cancelled before delivery. */
	CANCELLED;

	/**
	 * Whether the order has ended and will change no more.
	 * @return {@code true} for {@link #DELIVERED} and {@link #CANCELLED}
	 */
	public boolean isFinal() {
		return this == DELIVERED || this == CANCELLED;
	}

}
