package dev.ridertrack.eta.estimate;

import dev.ridertrack.events.Geo;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;

/**
 * The ETA model: remaining route distance over the rider's expected speed, plus the time
 * still to spend at the restaurant and at the customer's door.
 * <ul>
 * <li>Before pickup the rider leaves the restaurant when both there and the food is ready
 * (expected a fixed time after assignment), plus a handover; after pickup only the ride
 * and the handover at the door are left. Time already spent waiting counts.</li>
 * <li>Route distance is the Manhattan (L1) distance on a north–south/east–west grid,
 * times a detour factor: riders ride streets, not straight lines, and on a grid the L1
 * distance is the length of any shortest street route.</li>
 * <li>Expected speed is learnt per rider: an EWMA of the speed of moving fixes (stops do
 * not drag it towards zero, so one red light does not double the ETA) times one minus an
 * EWMA of the share of fixes that were stops (so time lost at lights still counts, on
 * average). Waiting at the restaurant or the customer's door is not a traffic stop and is
 * left out of both.</li>
 * </ul>
 */
final class EtaModel {

	private final EtaProperties settings;

	EtaModel(EtaProperties settings) {
		this.settings = settings;
	}

	EtaProperties settings() {
		return this.settings;
	}

	/**
	 * Estimate the ETA of a fix's order and learn from the fix.
	 * @param state the rider's state, already {@link RiderEta#forOrder for this order}
	 * @param order the rider's order
	 * @param fix the rider's newest fix
	 * @return the estimate and the rider's updated state
	 */
	Estimate estimate(RiderEta state, ActiveOrder order, RiderLocation fix) {
		long now = fix.recordedAt().toEpochMilli();
		Place restaurant = order.restaurant();
		Place customer = order.customer();
		double radius = this.settings.arrivalRadiusMeters();
		boolean atRestaurant = !order.pickedUp() && straight(fix, restaurant) <= radius;
		boolean atCustomer = order.pickedUp() && straight(fix, customer) <= radius;
		double moving = state.movingSpeedMps();
		double stopShare = state.stopShare();
		Long arrivedAtRestaurant = state.arrivedAtRestaurantMs();
		Long arrivedAtCustomer = state.arrivedAtCustomerMs();
		if (atRestaurant) {
			arrivedAtRestaurant = (arrivedAtRestaurant != null) ? arrivedAtRestaurant : now;
		}
		else if (atCustomer) {
			arrivedAtCustomer = (arrivedAtCustomer != null) ? arrivedAtCustomer : now;
		}
		else {
			boolean stopped = fix.speedMps() < this.settings.stoppedBelowMps();
			if (!stopped) {
				double speed = Math.min(fix.speedMps(), this.settings.maxSpeedMps());
				moving += this.settings.speedSmoothing() * (speed - moving);
			}
			stopShare += this.settings.stopSmoothing() * ((stopped ? 1.0 : 0.0) - stopShare);
		}
		double speed = expectedSpeed(moving, stopShare);
		double minLeft = this.settings.minDwellLeft().toSeconds();
		double remaining;
		double seconds;
		if (order.pickedUp()) {
			remaining = route(fix.lat(), fix.lon(), customer);
			double handover = this.settings.customerHandover().toSeconds();
			if (arrivedAtCustomer != null) {
				handover = Math.max(minLeft, handover - (now - arrivedAtCustomer) / 1000.0);
			}
			seconds = remaining / speed + handover;
		}
		else {
			double toRestaurant = route(fix.lat(), fix.lon(), restaurant);
			double toCustomer = route(restaurant.lat(), restaurant.lon(), customer);
			remaining = toRestaurant + toCustomer;
			// The rider leaves the restaurant once there and the food is ready, plus the
			// handover at the counter; a rider already waiting still has a little left.
			double arrival = toRestaurant / speed;
			double foodReady = (order.since() != null)
					? (order.since().toEpochMilli() + this.settings.expectedPrep().toMillis() - now) / 1000.0 : 0;
			double leave = Math.max(arrival, foodReady) + this.settings.restaurantDwell().toSeconds();
			if (arrivedAtRestaurant != null) {
				leave = Math.max(leave, minLeft);
			}
			seconds = leave + toCustomer / speed + this.settings.customerHandover().toSeconds();
		}
		RiderEta learnt = new RiderEta(fix.seq(), moving, stopShare, state.orderId(), arrivedAtRestaurant,
				arrivedAtCustomer, state.publishedAtMs(), state.publishedEtaSeconds());
		return new Estimate(learnt, Math.round(seconds), remaining);
	}

	/**
	 * Whether an estimate is news: the first for the order, one that moved by more than
	 * the threshold from the last published one counted down to now, or one due because
	 * the last was published too long ago.
	 * @param state the rider's state with what was last published
	 * @param nowMs event time of the estimate
	 * @param etaSeconds the estimate
	 * @return {@code true} to publish
	 */
	boolean shouldPublish(RiderEta state, long nowMs, long etaSeconds) {
		if (state.publishedAtMs() == null) {
			return true;
		}
		long sinceMs = nowMs - state.publishedAtMs();
		if (sinceMs >= this.settings.publishMaxInterval().toMillis()) {
			return true;
		}
		double expected = Math.max(0, state.publishedEtaSeconds() - sinceMs / 1000.0);
		double threshold = Math.max(this.settings.publishMinChange().toSeconds(),
				this.settings.publishChangeFraction() * expected);
		return Math.abs(etaSeconds - expected) >= threshold;
	}

	double expectedSpeed(double movingSpeedMps, double stopShare) {
		double moving = Math.max(this.settings.minSpeedMps(), Math.min(this.settings.maxSpeedMps(), movingSpeedMps));
		return moving * (1 - Math.max(0, Math.min(this.settings.maxStopShare(), stopShare)));
	}

	private double route(double lat, double lon, Place to) {
		return manhattanMeters(lat, lon, to.lat(), to.lon()) * this.settings.detourFactor();
	}

	private static double straight(RiderLocation fix, Place place) {
		return Geo.distanceMeters(fix.lat(), fix.lon(), place.lat(), place.lon());
	}

	/**
	 * The L1 distance along a north–south and an east–west leg.
	 * @param lat1 latitude of the start
	 * @param lon1 longitude of the start
	 * @param lat2 latitude of the end
	 * @param lon2 longitude of the end
	 * @return metres
	 */
	static double manhattanMeters(double lat1, double lon1, double lat2, double lon2) {
		return Geo.distanceMeters(lat1, lon1, lat2, lon1) + Geo.distanceMeters(lat2, lon1, lat2, lon2);
	}

	/**
	 * One estimate.
	 *
	 * @param state the rider's state after learning from the fix
	 * @param etaSeconds seconds until the food reaches the customer
	 * @param remainingMeters route distance still to ride
	 */
	record Estimate(RiderEta state, long etaSeconds, double remainingMeters) {
	}

}
