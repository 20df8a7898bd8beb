package dev.ridertrack.tracking;

import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;

/**
 * A small moving city for browser tests: riders ride straight lines and turn at random,
 * some carry orders. Sends one fix per rider per interval.
 */
public final class CitySimulation implements AutoCloseable {

	public static final double CENTER_LAT = 52.52;

	public static final double CENTER_LON = 13.405;

	private final Fixes fixes;

	private final String prefix;

	private final double[] lat;

	private final double[] lon;

	private final double[] heading;

	private final long[] seq;

	private final String[] orders;

	private final Place[] restaurants;

	private final Place[] homes;

	private final Random random = new Random(42);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	public CitySimulation(Fixes fixes, String prefix, int riders, int withOrders, long intervalMs) {
		this.fixes = fixes;
		this.prefix = prefix;
		this.lat = new double[riders];
		this.lon = new double[riders];
		this.heading = new double[riders];
		this.seq = new long[riders];
		this.orders = new String[riders];
		this.restaurants = new Place[riders];
		this.homes = new Place[riders];
		for (int i = 0; i < riders; i++) {
			this.lat[i] = CENTER_LAT + this.random.nextGaussian() * 0.03;
			this.lon[i] = CENTER_LON + this.random.nextGaussian() * 0.05;
			this.heading[i] = this.random.nextDouble() * 360;
		}
		for (int i = 0; i < withOrders && i < riders; i++) {
			String order = "order-" + prefix + "-" + i;
			this.orders[i] = order;
			Place restaurant = new Place("rest-" + i, "Trattoria " + i, this.lat[i] + 0.004, this.lon[i] - 0.006);
			Place home = new Place("home-" + i, "Customer " + i, this.lat[i] - 0.012, this.lon[i] + 0.015);
			this.restaurants[i] = restaurant;
			this.homes[i] = home;
			OrderStatus status = (i % 2 == 0) ? OrderStatus.ASSIGNED : OrderStatus.PICKED_UP;
			fixes.send("order-events", order, new OrderEvent(order, null, OrderStatus.CREATED, restaurant, home,
					Instant.now().minusSeconds(300)));
			fixes.send("order-events", order, new OrderEvent(order, riderId(i), OrderStatus.ASSIGNED, restaurant, home,
					Instant.now().minusSeconds(240)));
			if (status == OrderStatus.PICKED_UP) {
				fixes.send("order-events", order, new OrderEvent(order, riderId(i), OrderStatus.PICKED_UP, restaurant,
						home, Instant.now().minusSeconds(60)));
			}
		}
		this.timer.scheduleAtFixedRate(this::step, 0, intervalMs, TimeUnit.MILLISECONDS);
	}

	public String riderId(int i) {
		return String.format("rider-%s%06d", this.prefix, i);
	}

	public String order(int i) {
		return this.orders[i];
	}

	public Place restaurant(int i) {
		return this.restaurants[i];
	}

	public Place home(int i) {
		return this.homes[i];
	}

	/** Where every rider is now, {lat, lon} per rider. */
	public synchronized double[][] positions() {
		double[][] out = new double[this.lat.length][];
		for (int i = 0; i < this.lat.length; i++) {
			out[i] = new double[] { this.lat[i], this.lon[i] };
		}
		return out;
	}

	private synchronized void step() {
		Instant now = Instant.now();
		for (int i = 0; i < this.lat.length; i++) {
			if (this.random.nextInt(10) == 0) {
				this.heading[i] = (this.heading[i] + this.random.nextInt(180) - 90 + 360) % 360;
			}
			double speed = 4 + (i % 5);
			double rad = Math.toRadians(this.heading[i]);
			this.lat[i] += Math.cos(rad) * speed / 111_000.0;
			this.lon[i] += Math.sin(rad) * speed / (111_000.0 * Math.cos(Math.toRadians(this.lat[i])));
			this.fixes.send(new RiderLocation(riderId(i), ++this.seq[i], this.orders[i], this.lat[i], this.lon[i],
					speed, this.heading[i], 6, now));
		}
		this.fixes.producer().flush();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
