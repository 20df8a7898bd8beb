package dev.ridertrack.loadgen.city;

import java.time.Instant;
import java.util.SplittableRandom;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;

import static dev.ridertrack.loadgen.city.City.BLOCK_M;

/**
 * One rider living a delivery life: idle (waiting or wandering), assigned an order,
 * riding along the streets to the restaurant, waiting for the food, riding to the
 * customer, handing the food over, idle again. Moves only when stepped, by the time
 * passed since its previous step.
 */
final class Rider {

	/** Where a rider is in its delivery life. */
	enum Phase {

		IDLE, AWAITING_RIDER, TO_RESTAURANT, AT_RESTAURANT, TO_CUSTOMER, AT_CUSTOMER;

		boolean onOrder() {
			return compareTo(TO_RESTAURANT) >= 0;
		}

		boolean riding() {
			return this == TO_RESTAURANT || this == TO_CUSTOMER;
		}

	}

	private static final double ARTERIAL_SPEED = 9.5;

	private static final double STREET_SPEED = 6.5;

	private static final double WANDER_SPEED = 3.5;

	private static final int WAYPOINTS = 3;

	private final Fleet fleet;

	private final String id;

	private Phase phase = Phase.IDLE;

	private double x;

	private double y;

	/** Up to {@value #WAYPOINTS} waypoints, x and y interleaved. */
	private final double[] route = new double[2 * WAYPOINTS];

	private byte routeLength;

	private byte routeNext;

	private final float speedFactor;

	private short heading;

	private long seq;

	private long lastAt;

	private long stopUntil;

	private long timerAt;

	private long readyAt;

	private long createdAt;

	private long assignedAt;

	private long arrivedRestaurantAt;

	private long pickedUpAt;

	private long arrivedCustomerAt;

	private float metres;

	private float toRestaurantMetres;

	private int restaurant;

	private int customerCol;

	private int customerRow;

	private boolean cancels;

	private String orderId;

	/** A rider born now at a random intersection, idle. */
	Rider(Fleet fleet, String id, long now, SplittableRandom random) {
		City city = fleet.city();
		this.fleet = fleet;
		this.id = id;
		this.x = (1 + random.nextInt(city.cols() - 2)) * BLOCK_M;
		this.y = (1 + random.nextInt(city.rows() - 2)) * BLOCK_M;
		this.speedFactor = (float) (0.8 + 0.4 * random.nextDouble());
		this.heading = (short) (90 * random.nextInt(4));
		this.lastAt = now;
	}

	String id() {
		return this.id;
	}

	Phase phase() {
		return this.phase;
	}

	/** See {@link Fleet#step}. */
	void step(int index, long now, SplittableRandom random, double demand, FleetListener out) {
		double dt = Math.max(0, now - this.lastAt) / 1000.0;
		double travelled = move(now, random);
		this.lastAt = now;
		if (this.phase.riding()) {
			this.metres += (float) travelled;
		}
		switch (this.phase) {
			case IDLE -> idle(now, dt, random, demand, out);
			case AWAITING_RIDER -> {
				if (now >= this.timerAt) {
					assign(now, random, out);
				}
			}
			case TO_RESTAURANT -> {
				if (arrived()) {
					this.arrivedRestaurantAt = now;
					this.timerAt = Math.max(this.readyAt, now + 20_000 + random.nextInt(40_000));
					this.phase = Phase.AT_RESTAURANT;
				}
			}
			case AT_RESTAURANT -> {
				if (now >= this.timerAt) {
					pickUp(now, random, out);
				}
			}
			case TO_CUSTOMER -> {
				if (arrived()) {
					this.arrivedCustomerAt = now;
					this.timerAt = now + 30_000 + random.nextInt(90_000);
					this.phase = Phase.AT_CUSTOMER;
				}
			}
			case AT_CUSTOMER -> {
				if (now >= this.timerAt) {
					deliver(now, out);
				}
			}
		}
		out.fix(index, fix(now, (dt > 0) ? travelled / dt : 0, random));
	}

	private void idle(long now, double dt, SplittableRandom random, double demand, FleetListener out) {
		double rate = this.fleet.orderRatePerSecond() * demand * City.mealTimeDemand(now);
		if (random.nextDouble() < -Math.expm1(-dt * rate)) {
			createOrder(now, random, out);
		}
		else if (arrived() && random.nextDouble() < -Math.expm1(-dt / 180)) {
			// Idle riders drift a few blocks now and then, towards where orders might be.
			City city = this.fleet.city();
			int col = clamp(col(this.x) + random.nextInt(7) - 3, 1, city.cols() - 2);
			int row = clamp(row(this.y) + random.nextInt(7) - 3, 1, city.rows() - 2);
			route(col * BLOCK_M, row * BLOCK_M, random);
		}
	}

	private void createOrder(long now, SplittableRandom random, FleetListener out) {
		City city = this.fleet.city();
		int r = city.restaurantNear(col(this.x), row(this.y), random);
		int blocks = 5 + random.nextInt(30);
		int across = random.nextInt(blocks + 1);
		int col = city.restaurantCol(r) + (random.nextBoolean() ? across : -across);
		int row = city.restaurantRow(r) + (random.nextBoolean() ? blocks - across : across - blocks);
		this.restaurant = r;
		this.customerCol = clamp(col, 1, city.cols() - 2);
		this.customerRow = clamp(row, 1, city.rows() - 2);
		this.orderId = this.fleet.nextOrderId();
		this.createdAt = now;
		this.timerAt = now + 5_000 + random.nextInt(35_000);
		this.readyAt = now + 120_000 + random.nextInt(480_000);
		this.cancels = random.nextDouble() < 0.02;
		this.phase = Phase.AWAITING_RIDER;
		out.order(event(null, OrderStatus.CREATED, now));
	}

	private void assign(long now, SplittableRandom random, FleetListener out) {
		City city = this.fleet.city();
		this.assignedAt = now;
		this.metres = 0;
		this.phase = Phase.TO_RESTAURANT;
		route(city.restaurantCol(this.restaurant) * BLOCK_M, city.restaurantRow(this.restaurant) * BLOCK_M, random);
		out.order(event(this.id, OrderStatus.ASSIGNED, now));
	}

	private void pickUp(long now, SplittableRandom random, FleetListener out) {
		if (this.cancels) {
			// The restaurant ran out; the rider is released.
			out.order(event(this.id, OrderStatus.CANCELLED, now));
			this.phase = Phase.IDLE;
			this.orderId = null;
			return;
		}
		this.pickedUpAt = now;
		this.toRestaurantMetres = this.metres;
		this.metres = 0;
		this.phase = Phase.TO_CUSTOMER;
		route(this.customerCol * BLOCK_M, this.customerRow * BLOCK_M, random);
		out.order(event(this.id, OrderStatus.PICKED_UP, now));
	}

	private void deliver(long now, FleetListener out) {
		OrderEvent delivered = event(this.id, OrderStatus.DELIVERED, now);
		out.order(delivered);
		out.delivered(new DeliveredOrder(this.orderId, this.id, delivered.restaurant().id(), delivered.customer().id(),
				Instant.ofEpochMilli(this.createdAt), Instant.ofEpochMilli(this.assignedAt),
				Instant.ofEpochMilli(this.arrivedRestaurantAt), Instant.ofEpochMilli(this.pickedUpAt),
				Instant.ofEpochMilli(this.arrivedCustomerAt), Instant.ofEpochMilli(now), this.toRestaurantMetres,
				this.metres));
		this.phase = Phase.IDLE;
		this.orderId = null;
	}

	private OrderEvent event(String rider, OrderStatus status, long now) {
		City city = this.fleet.city();
		Place customer = city.customer(this.customerCol, this.customerRow);
		return new OrderEvent(this.orderId, rider, status, city.restaurant(this.restaurant), customer,
				Instant.ofEpochMilli(now));
	}

	/**
	 * Plans a route along the streets: to the next intersection if the rider is between
	 * two, then an L along two streets, preferring the one that uses an arterial.
	 */
	private void route(double tx, double ty, SplittableRandom random) {
		City city = this.fleet.city();
		int n = 0;
		double cx = this.x;
		double cy = this.y;
		boolean onColumn = onLine(cx);
		boolean onRow = onLine(cy);
		if (onRow && !onColumn) {
			cx = ((tx > cx) ? Math.ceil(cx / BLOCK_M) : Math.floor(cx / BLOCK_M)) * BLOCK_M;
			n = waypoint(n, cx, cy);
		}
		else if (onColumn && !onRow) {
			cy = ((ty > cy) ? Math.ceil(cy / BLOCK_M) : Math.floor(cy / BLOCK_M)) * BLOCK_M;
			n = waypoint(n, cx, cy);
		}
		int arterialsEastFirst = (city.arterialRow(row(cy)) ? 1 : 0) + (city.arterialColumn(col(tx)) ? 1 : 0);
		int arterialsNorthFirst = (city.arterialColumn(col(cx)) ? 1 : 0) + (city.arterialRow(row(ty)) ? 1 : 0);
		boolean eastFirst = (arterialsEastFirst != arterialsNorthFirst) ? arterialsEastFirst > arterialsNorthFirst
				: random.nextBoolean();
		double cornerX = eastFirst ? tx : cx;
		double cornerY = eastFirst ? cy : ty;
		if ((cornerX != cx || cornerY != cy) && (cornerX != tx || cornerY != ty)) {
			n = waypoint(n, cornerX, cornerY);
		}
		if (tx != cx || ty != cy) {
			n = waypoint(n, tx, ty);
		}
		this.routeLength = (byte) n;
		this.routeNext = 0;
	}

	private int waypoint(int n, double px, double py) {
		this.route[2 * n] = px;
		this.route[2 * n + 1] = py;
		return n + 1;
	}

	private boolean arrived() {
		return this.routeNext >= this.routeLength;
	}

	/**
	 * Moves along the route for the time since the last step, less any time stopped (a
	 * signal, a jam).
	 * @return metres travelled
	 */
	private double move(long now, SplittableRandom random) {
		// A rider paused for long (taken off the road by a lower rider count) resumes
		// where it was rather than jumping ahead.
		long from = Math.max(Math.max(this.lastAt, this.stopUntil), now - 60_000);
		if (arrived() || now <= from) {
			return 0;
		}
		double seconds = (now - from) / 1000.0;
		double wx = this.route[2 * this.routeNext];
		double wy = this.route[2 * this.routeNext + 1];
		double budget = speed(wy, now, random) * seconds;
		double travelled = 0;
		while (budget > 0 && !arrived()) {
			wx = this.route[2 * this.routeNext];
			wy = this.route[2 * this.routeNext + 1];
			double dx = wx - this.x;
			double dy = wy - this.y;
			double d = Math.abs(dx) + Math.abs(dy);
			if (d > 0) {
				this.heading = (short) ((dx != 0) ? ((dx > 0) ? 90 : 270) : ((dy > 0) ? 0 : 180));
			}
			if (d <= budget) {
				this.x = wx;
				this.y = wy;
				budget -= d;
				travelled += d;
				this.routeNext++;
			}
			else {
				this.x += Math.signum(dx) * budget;
				this.y += Math.signum(dy) * budget;
				travelled += budget;
				budget = 0;
			}
		}
		if (!arrived() && random.nextDouble() < -Math.expm1(-seconds / 90)) {
			// A red light or a jam: stand still for a few seconds.
			this.stopUntil = now + 4_000 + random.nextInt(16_000);
		}
		return travelled;
	}

	private double speed(double wy, long now, SplittableRandom random) {
		City city = this.fleet.city();
		double base;
		if (this.phase == Phase.IDLE || this.phase == Phase.AWAITING_RIDER) {
			base = WANDER_SPEED;
		}
		else if (wy == this.y) {
			base = city.arterialRow(row(this.y)) ? ARTERIAL_SPEED : STREET_SPEED;
		}
		else {
			base = city.arterialColumn(col(this.x)) ? ARTERIAL_SPEED : STREET_SPEED;
		}
		double v = base * this.speedFactor * city.neighbourhoodTraffic(this.x, this.y) * City.rushHourTraffic(now)
				* (0.85 + 0.3 * random.nextDouble());
		return Math.min(Fleet.MAX_SPEED, Math.max(Fleet.MIN_SPEED, v));
	}

	private RiderLocation fix(long now, double speed, SplittableRandom random) {
		double accuracy;
		double ex = 0;
		double ey = 0;
		if (this.fleet.gpsNoise()) {
			// Mostly a few metres, sometimes 15 (tall buildings, a bad phone).
			double u = random.nextDouble();
			accuracy = 3 + 12 * u * u;
			ex = random.nextGaussian() * accuracy / 2;
			ey = random.nextGaussian() * accuracy / 2;
			speed = (speed > 0) ? Math.max(0, speed + random.nextGaussian() * 0.2) : 0;
		}
		else {
			accuracy = 5;
		}
		City city = this.fleet.city();
		String order = this.phase.onOrder() ? this.orderId : null;
		// seven decimals (about a centimetre), as a phone's GPS app sends them: every
		// service reads, stores and forwards these numbers, and 17 digits cost bytes and
		// parsing everywhere for nothing the 3-15 m accuracy can tell apart (issue 14)
		return new RiderLocation(this.id, ++this.seq, order, round(city.lat(this.y + ey), 1e7),
				round(city.lon(this.x + ex), 1e7), round(speed, 100), this.heading, round(accuracy, 10),
				Instant.ofEpochMilli(now));
	}

	private static double round(double value, double scale) {
		return Math.round(value * scale) / scale;
	}

	private static boolean onLine(double v) {
		return Math.abs(v - Math.rint(v / BLOCK_M) * BLOCK_M) < 1e-6;
	}

	private static int col(double x) {
		return (int) Math.rint(x / BLOCK_M);
	}

	private static int row(double y) {
		return (int) Math.rint(y / BLOCK_M);
	}

	private static int clamp(int v, int min, int max) {
		return Math.max(min, Math.min(max, v));
	}

}
