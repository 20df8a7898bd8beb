package dev.ridertrack.eta.estimate;

import java.util.Objects;

/**
 * What the topology remembers per rider between fixes: the rider's learnt speed (kept
 * across orders) and, for the current order, when the rider reached the restaurant and
 * what was last published.
 *
 * @param lastSeq the newest fix seen, so a redelivered or older fix is skipped
 * @param movingSpeedMps EWMA of the speed of moving fixes
 * @param stopShare EWMA of the share of fixes that were stops, outside the restaurant
 * @param orderId the order the fields below belong to, or {@code null}
 * @param arrivedAtRestaurantMs when the rider reached the restaurant, or {@code null}
 * @param arrivedAtCustomerMs when the rider reached the customer's door, or {@code null}
 * @param publishedAtMs event time of the last published estimate, or {@code null}
 * @param publishedEtaSeconds the last published estimate
 */
record RiderEta(long lastSeq, double movingSpeedMps, double stopShare, String orderId, Long arrivedAtRestaurantMs,
		Long arrivedAtCustomerMs, Long publishedAtMs, long publishedEtaSeconds) {

	static RiderEta initial(EtaProperties settings) {
		return new RiderEta(-1, settings.priorSpeedMps(), settings.priorStopShare(), null, null, null, null, 0);
	}

	/**
	 * This state for the given order: order fields start afresh when the order changes.
	 * @param order the order now
	 * @return the state
	 */
	RiderEta forOrder(String order) {
		if (order.equals(this.orderId)) {
			return this;
		}
		return new RiderEta(this.lastSeq, this.movingSpeedMps, this.stopShare, order, null, null, null, 0);
	}

	/**
	 * This state without the order's fields, once the order has ended.
	 * @return the state
	 */
	RiderEta withoutOrder() {
		return new RiderEta(this.lastSeq, this.movingSpeedMps, this.stopShare, null, null, null, null, 0);
	}

	/**
	 * Whether the order's fields differ from another state's: the order, or an arrival.
	 * @param other the state before
	 * @return {@code true} if a restart must not lose the difference
	 */
	boolean orderFieldsDiffer(RiderEta other) {
		return !Objects.equals(this.orderId, other.orderId)
				|| !Objects.equals(this.arrivedAtRestaurantMs, other.arrivedAtRestaurantMs)
				|| !Objects.equals(this.arrivedAtCustomerMs, other.arrivedAtCustomerMs);
	}

	RiderEta published(long atMs, long etaSeconds) {
		return new RiderEta(this.lastSeq, this.movingSpeedMps, this.stopShare, this.orderId, this.arrivedAtRestaurantMs,
				this.arrivedAtCustomerMs, atMs, etaSeconds);
	}

}
