package dev.ridertrack.loadgen.city;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;

/**
 * Receives what the riders do, as it happens.
 */
public interface FleetListener {

	/**
	 * A rider's phone took a GPS fix.
	 * @param rider the rider's index
	 * @param fix the fix
	 */
	void fix(int rider, RiderLocation fix);

	/**
	 * An order moved on.
	 * @param event the step
	 */
	void order(OrderEvent event);

	/**
	 * An order was delivered; called after its {@code DELIVERED} event.
	 * @param order what really happened
	 */
	void delivered(DeliveredOrder order);

}
