package dev.ridertrack.eta.estimate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;

/**
 * A small, deterministic stand-in for the load generator: riders on a Manhattan street
 * grid (100 m blocks) around Mumbai, riding at 3–12 m/s with per-rider base speeds that
 * vary block by block, stopping at some crossings, waiting at the restaurant until the
 * food is ready, and handing over at the customer's door. It emits order events and fixes
 * in time order and keeps the ground truth of every delivery.
 */
final class TripSimulator {

	static final double CENTER_LAT = 19.0760;

	static final double CENTER_LON = 72.8777;

	static final double BLOCK_M = 100;

	private static final double M_PER_DEG_LAT = Math.PI * 6_371_008.8 / 180;

	private static final double M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(Math.toRadians(CENTER_LAT));

	private static final int CITY_BLOCKS = 60;

	private final Random random;

	private final List<Rider> riders = new ArrayList<>();

	private final List<Delivery> deliveries = new ArrayList<>();

	private final int fixIntervalSeconds;

	private long orderNumber;

	private Instant now;

	TripSimulator(long seed, int riderCount, int fixIntervalSeconds, Instant start) {
		this.random = new Random(seed);
		this.fixIntervalSeconds = fixIntervalSeconds;
		this.now = start;
		for (int i = 0; i < riderCount; i++) {
			Rider rider = new Rider(String.format("rider-%06d", i + 1));
			rider.x = block(this.random.nextInt(2 * CITY_BLOCKS + 1) - CITY_BLOCKS);
			rider.y = block(this.random.nextInt(2 * CITY_BLOCKS + 1) - CITY_BLOCKS);
			rider.baseSpeed = 4 + this.random.nextDouble() * 6;
			rider.nextOrderAt = this.random.nextInt(180);
			rider.fixPhase = this.random.nextInt(fixIntervalSeconds);
			this.riders.add(rider);
		}
	}

	/** Receives what the simulated city emits, in time order. */
	interface Sink {

		void order(OrderEvent event);

		void fix(RiderLocation fix);

	}

	/**
	 * The ground truth of one delivered order.
	 *
	 * @param orderId the order
	 * @param riderId its rider
	 * @param assignedAt when the rider got it
	 * @param pickedUpAt when the food was handed to the rider
	 * @param deliveredAt when it was handed to the customer
	 * @param restaurant where it was picked up
	 * @param customer where it went
	 */
	record Delivery(String orderId, String riderId, Instant assignedAt, Instant pickedUpAt, Instant deliveredAt,
			Place restaurant, Place customer) {
	}

	List<Delivery> deliveries() {
		return this.deliveries;
	}

	/**
	 * Simulate, one second at a time.
	 * @param duration how long
	 * @param sink where events go
	 */
	void run(Duration duration, Sink sink) {
		long seconds = duration.toSeconds();
		for (long s = 0; s < seconds; s++) {
			this.now = this.now.plusSeconds(1);
			for (Rider rider : this.riders) {
				step(rider, sink);
				if ((s + rider.fixPhase) % this.fixIntervalSeconds == 0) {
					sink.fix(fixOf(rider));
				}
			}
		}
	}

	private void step(Rider rider, Sink sink) {
		rider.clock++;
		switch (rider.phase) {
			case IDLE -> {
				rider.speed = 0;
				if (rider.clock >= rider.nextOrderAt) {
					newOrder(rider, sink);
				}
			}
			case TO_RESTAURANT -> {
				if (rider.cancelAt > 0 && rider.clock >= rider.cancelAt) {
					sink.order(event(rider, OrderStatus.CANCELLED));
					becomeIdle(rider);
				}
				else if (ride(rider)) {
					rider.phase = Phase.WAITING;
					long ready = Math.max(rider.clock, rider.foodReadyAt);
					rider.waitUntil = ready + 20 + this.random.nextInt(70);
				}
			}
			case WAITING -> {
				rider.speed = 0;
				if (rider.clock >= rider.waitUntil) {
					rider.pickedUpAt = this.now;
					sink.order(event(rider, OrderStatus.PICKED_UP));
					rider.phase = Phase.TO_CUSTOMER;
					rider.path = route(rider.x, rider.y, rider.customerX, rider.customerY);
				}
			}
			case TO_CUSTOMER -> {
				if (ride(rider)) {
					rider.phase = Phase.HANDOVER;
					rider.waitUntil = rider.clock + 30 + this.random.nextInt(90);
				}
			}
			case HANDOVER -> {
				rider.speed = 0;
				if (rider.clock >= rider.waitUntil) {
					sink.order(event(rider, OrderStatus.DELIVERED));
					this.deliveries.add(new Delivery(rider.orderId, rider.id, rider.assignedAt, rider.pickedUpAt,
							this.now, rider.restaurant, rider.customer));
					becomeIdle(rider);
				}
			}
		}
	}

	private void becomeIdle(Rider rider) {
		rider.phase = Phase.IDLE;
		rider.orderId = null;
		rider.speed = 0;
		rider.cancelAt = 0;
		rider.nextOrderAt = rider.clock + 10 + this.random.nextInt(110);
	}

	private void newOrder(Rider rider, Sink sink) {
		rider.orderId = "order-" + (++this.orderNumber);
		int[] restaurant = placeNear(rider.x, rider.y, 3, 25);
		int[] customer = placeNear(restaurant[0], restaurant[1], 10, 45);
		rider.restaurantX = restaurant[0];
		rider.restaurantY = restaurant[1];
		rider.customerX = customer[0];
		rider.customerY = customer[1];
		rider.restaurant = place("restaurant-" + this.orderNumber, restaurant);
		rider.customer = place("customer-" + this.orderNumber, customer);
		// Created a little before the rider takes it; the kitchen starts at creation.
		int createdAgo = 10 + this.random.nextInt(50);
		rider.foodReadyAt = rider.clock - createdAgo + 360 + this.random.nextInt(600);
		rider.cancelAt = (this.random.nextDouble() < 0.02) ? rider.clock + 60 + this.random.nextInt(240) : 0;
		sink.order(new OrderEvent(rider.orderId, null, OrderStatus.CREATED, rider.restaurant, rider.customer,
				this.now.minusSeconds(createdAgo)));
		rider.assignedAt = this.now;
		sink.order(event(rider, OrderStatus.ASSIGNED));
		rider.phase = Phase.TO_RESTAURANT;
		rider.path = route(rider.x, rider.y, rider.restaurantX, rider.restaurantY);
	}

	/**
	 * Move along the path for one second. At each crossing the speed changes and the
	 * rider may stop for a light.
	 * @return whether the rider has arrived
	 */
	private boolean ride(Rider rider) {
		if (rider.stopFor > 0) {
			rider.stopFor--;
			rider.speed = 0;
			return false;
		}
		if (rider.speed <= 0) {
			rider.speed = segmentSpeed(rider);
		}
		double budget = rider.speed;
		while (budget > 0 && !rider.path.isEmpty()) {
			int[] next = rider.path.get(0);
			double dx = next[0] - rider.x;
			double dy = next[1] - rider.y;
			double distance = Math.abs(dx) + Math.abs(dy);
			if (distance <= budget) {
				rider.x = next[0];
				rider.y = next[1];
				budget -= distance;
				rider.path.remove(0);
				if (!rider.path.isEmpty()) {
					rider.speed = segmentSpeed(rider);
					if (this.random.nextDouble() < 0.2) {
						rider.stopFor = 5 + this.random.nextInt(40);
						rider.speed = 0;
						return false;
					}
				}
			}
			else {
				rider.x += Math.signum(dx) * Math.min(budget, Math.abs(dx));
				rider.y += Math.signum(dy) * Math.min(budget, Math.abs(dy));
				budget = 0;
			}
		}
		return rider.path.isEmpty();
	}

	private double segmentSpeed(Rider rider) {
		double speed = rider.baseSpeed * (0.75 + this.random.nextDouble() * 0.5);
		return Math.max(3, Math.min(12, speed));
	}

	/**
	 * A street route between crossings: a staircase of blocks, each step east/west or
	 * north/south towards the target (length = L1 distance), and one leg in five takes a
	 * one-block detour (two blocks longer).
	 */
	private List<int[]> route(double fromX, double fromY, int toX, int toY) {
		List<int[]> path = new ArrayList<>();
		int x = snap(fromX);
		int y = snap(fromY);
		if (x != fromX || y != fromY) {
			// stopped mid-block (a cancelled order): back to the nearest crossing first
			path.add(new int[] { x, y });
		}
		boolean detour = this.random.nextDouble() < 0.2;
		if (detour) {
			boolean sideways = this.random.nextBoolean();
			int side = (int) BLOCK_M * (this.random.nextBoolean() ? 1 : -1);
			int[] out = sideways ? new int[] { x + side, y } : new int[] { x, y + side };
			path.add(out);
			x = out[0];
			y = out[1];
		}
		while (x != toX || y != toY) {
			boolean moveX = (x != toX) && (y == toY || this.random.nextBoolean());
			if (moveX) {
				x += (int) (Math.signum(toX - x) * BLOCK_M);
			}
			else {
				y += (int) (Math.signum(toY - y) * BLOCK_M);
			}
			path.add(new int[] { x, y });
		}
		return path;
	}

	private int[] placeNear(double x, double y, int minBlocks, int maxBlocks) {
		while (true) {
			int dx = this.random.nextInt(2 * maxBlocks + 1) - maxBlocks;
			int dy = this.random.nextInt(2 * maxBlocks + 1) - maxBlocks;
			int blocks = Math.abs(dx) + Math.abs(dy);
			int px = snap(x) + block(dx);
			int py = snap(y) + block(dy);
			if (blocks >= minBlocks && blocks <= maxBlocks && Math.abs(px) <= block(CITY_BLOCKS)
					&& Math.abs(py) <= block(CITY_BLOCKS)) {
				return new int[] { px, py };
			}
		}
	}

	private RiderLocation fixOf(Rider rider) {
		double noiseX = this.random.nextGaussian() * 4;
		double noiseY = this.random.nextGaussian() * 4;
		double speed = (rider.speed > 0) ? Math.max(0, rider.speed + this.random.nextGaussian() * 0.3) : 0;
		return new RiderLocation(rider.id, ++rider.seq, rider.orderId, lat(rider.y + noiseY), lon(rider.x + noiseX),
				Math.round(speed * 10) / 10.0, 0, 5, this.now);
	}

	private OrderEvent event(Rider rider, OrderStatus status) {
		return new OrderEvent(rider.orderId, rider.id, status, rider.restaurant, rider.customer, this.now);
	}

	private static Place place(String id, int[] xy) {
		return new Place(id, id, lat(xy[1]), lon(xy[0]));
	}

	static double lat(double y) {
		return CENTER_LAT + y / M_PER_DEG_LAT;
	}

	static double lon(double x) {
		return CENTER_LON + x / M_PER_DEG_LON;
	}

	private static int snap(double metres) {
		return (int) (Math.round(metres / BLOCK_M) * BLOCK_M);
	}

	private static int block(int blocks) {
		return (int) (blocks * BLOCK_M);
	}

	enum Phase {

		IDLE, TO_RESTAURANT, WAITING, TO_CUSTOMER, HANDOVER

	}

	static final class Rider {

		final String id;

		Phase phase = Phase.IDLE;

		double x;

		double y;

		double baseSpeed;

		double speed;

		int stopFor;

		long clock;

		long nextOrderAt;

		long foodReadyAt;

		long waitUntil;

		long cancelAt;

		long seq;

		int fixPhase;

		String orderId;

		Instant assignedAt;

		Instant pickedUpAt;

		int restaurantX;

		int restaurantY;

		int customerX;

		int customerY;

		Place restaurant;

		Place customer;

		List<int[]> path = new ArrayList<>();

		Rider(String id) {
			this.id = id;
		}

	}

}
