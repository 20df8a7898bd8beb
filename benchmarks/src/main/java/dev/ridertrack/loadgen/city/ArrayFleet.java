package dev.ridertrack.loadgen.city;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;

import static dev.ridertrack.loadgen.city.City.BLOCK_M;

/**
 * The load generator's fleet as it was until 2026-12-06: every rider's state in 27
 * parallel primitive arrays indexed by rider, states as byte constants. Kept here,
 * unchanged but for its name, as the contender {@link FleetLayoutBenchmark} measures the
 * fleet of objects (one {@code Rider} per rider) against; the benchmark checks that both
 * produce the same fixes from the same seed, so it compares the same work. Over 450 lines
 * because it is that layout whole, not a sketch of it: a trimmed copy would measure
 * something else.
 */
final class ArrayFleet {

	static final byte UNBORN = 0;

	static final byte IDLE = 1;

	static final byte AWAITING_RIDER = 2;

	static final byte TO_RESTAURANT = 3;

	static final byte AT_RESTAURANT = 4;

	static final byte TO_CUSTOMER = 5;

	static final byte AT_CUSTOMER = 6;

	/** Slowest a moving rider rides, m/s. */
	public static final double MIN_SPEED = 3;

	/** Fastest a rider ever rides, m/s. */
	public static final double MAX_SPEED = 12;

	private static final double ARTERIAL_SPEED = 9.5;

	private static final double STREET_SPEED = 6.5;

	private static final double WANDER_SPEED = 3.5;

	private static final int WAYPOINTS = 3;

	private final City city;

	private final double orderRatePerSecond;

	private final boolean gpsNoise;

	private final AtomicLong orderNumbers = new AtomicLong();

	private int capacity;

	private byte[] state;

	private double[] x;

	private double[] y;

	private double[] wpx;

	private double[] wpy;

	private byte[] wpCount;

	private byte[] wpNext;

	private float[] speedFactor;

	private short[] heading;

	private long[] seq;

	private long[] lastAt;

	private long[] stopUntil;

	private long[] timerAt;

	private long[] readyAt;

	private long[] createdAt;

	private long[] assignedAt;

	private long[] arrivedRestaurantAt;

	private long[] pickedUpAt;

	private long[] arrivedCustomerAt;

	private float[] metres;

	private float[] toRestaurantMetres;

	private int[] restaurant;

	private int[] customerCol;

	private int[] customerRow;

	private boolean[] cancels;

	private String[] orderId;

	private String[] riderIds;

	/**
	 * A fleet with room for some riders; {@link #ensureCapacity} makes more room.
	 * @param city where the riders ride
	 * @param capacity riders to make room for
	 * @param orderEvery how long an idle rider waits for an order on average
	 * @param gpsNoise whether fixes carry realistic GPS error
	 */
	ArrayFleet(City city, int capacity, Duration orderEvery, boolean gpsNoise) {
		this.city = city;
		this.orderRatePerSecond = 1000.0 / Math.max(1, orderEvery.toMillis());
		this.gpsNoise = gpsNoise;
		allocate(Math.max(1, capacity));
	}

	/**
	 * @return the city
	 */
	public City city() {
		return this.city;
	}

	/**
	 * @return how many riders there is room for
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * Makes room for more riders. Not thread-safe: nobody may step a rider meanwhile.
	 * @param riders the riders to make room for
	 */
	public void ensureCapacity(int riders) {
		if (riders > this.capacity) {
			allocate(Math.max(riders, this.capacity + this.capacity / 2));
		}
	}

	/**
	 * The id of a rider.
	 * @param i the rider's index
	 * @return an id like {@code rider-000042} (index 41)
	 */
	public String riderId(int i) {
		String id = this.riderIds[i];
		if (id == null) {
			id = riderIdOf(i);
			this.riderIds[i] = id;
		}
		return id;
	}

	/**
	 * The id of a rider, without the cache.
	 * @param i the rider's index
	 * @return an id like {@code rider-000042} (index 41)
	 */
	public static String riderIdOf(int i) {
		String number = Integer.toString(i + 1);
		return (number.length() >= 6) ? "rider-" + number : "rider-" + "000000".substring(number.length()) + number;
	}

	/**
	 * Moves one rider on to {@code now}, lets its order move on, and takes its fix.
	 * @param i the rider's index
	 * @param now the simulated time, epoch milliseconds
	 * @param random the calling thread's random source
	 * @param demand how many times the normal order rate applies (a flash sale)
	 * @param out receives the fix and any order events
	 */
	public void step(int i, long now, SplittableRandom random, double demand, FleetListener out) {
		if (this.state[i] == UNBORN) {
			born(i, now, random);
		}
		double dt = Math.max(0, now - this.lastAt[i]) / 1000.0;
		double travelled = move(i, now, random);
		this.lastAt[i] = now;
		if (this.state[i] == TO_RESTAURANT || this.state[i] == TO_CUSTOMER) {
			this.metres[i] += (float) travelled;
		}
		switch (this.state[i]) {
			case IDLE -> idle(i, now, dt, random, demand, out);
			case AWAITING_RIDER -> {
				if (now >= this.timerAt[i]) {
					assign(i, now, random, out);
				}
			}
			case TO_RESTAURANT -> {
				if (arrived(i)) {
					this.arrivedRestaurantAt[i] = now;
					this.timerAt[i] = Math.max(this.readyAt[i], now + 20_000 + random.nextInt(40_000));
					this.state[i] = AT_RESTAURANT;
				}
			}
			case AT_RESTAURANT -> {
				if (now >= this.timerAt[i]) {
					pickUp(i, now, random, out);
				}
			}
			case TO_CUSTOMER -> {
				if (arrived(i)) {
					this.arrivedCustomerAt[i] = now;
					this.timerAt[i] = now + 30_000 + random.nextInt(90_000);
					this.state[i] = AT_CUSTOMER;
				}
			}
			case AT_CUSTOMER -> {
				if (now >= this.timerAt[i]) {
					deliver(i, now, out);
				}
			}
			default -> throw new IllegalStateException("rider " + i + " in unknown state " + this.state[i]);
		}
		out.fix(i, fix(i, now, (dt > 0) ? travelled / dt : 0, random));
	}

	private void born(int i, long now, SplittableRandom random) {
		this.x[i] = (1 + random.nextInt(this.city.cols() - 2)) * BLOCK_M;
		this.y[i] = (1 + random.nextInt(this.city.rows() - 2)) * BLOCK_M;
		this.speedFactor[i] = (float) (0.8 + 0.4 * random.nextDouble());
		this.heading[i] = (short) (90 * random.nextInt(4));
		this.lastAt[i] = now;
		this.state[i] = IDLE;
	}

	private void idle(int i, long now, double dt, SplittableRandom random, double demand, FleetListener out) {
		double rate = this.orderRatePerSecond * demand * City.mealTimeDemand(now);
		if (random.nextDouble() < -Math.expm1(-dt * rate)) {
			createOrder(i, now, random, out);
		}
		else if (arrived(i) && random.nextDouble() < -Math.expm1(-dt / 180)) {
			// Idle riders drift a few blocks now and then, towards where orders might be.
			int col = clamp(col(this.x[i]) + random.nextInt(7) - 3, 1, this.city.cols() - 2);
			int row = clamp(row(this.y[i]) + random.nextInt(7) - 3, 1, this.city.rows() - 2);
			route(i, col * BLOCK_M, row * BLOCK_M, random);
		}
	}

	private void createOrder(int i, long now, SplittableRandom random, FleetListener out) {
		int r = this.city.restaurantNear(nearestCol(this.x[i]), nearestRow(this.y[i]), random);
		int blocks = 5 + random.nextInt(30);
		int across = random.nextInt(blocks + 1);
		int col = this.city.restaurantCol(r) + (random.nextBoolean() ? across : -across);
		int row = this.city.restaurantRow(r) + (random.nextBoolean() ? blocks - across : across - blocks);
		this.restaurant[i] = r;
		this.customerCol[i] = clamp(col, 1, this.city.cols() - 2);
		this.customerRow[i] = clamp(row, 1, this.city.rows() - 2);
		this.orderId[i] = "order-" + this.orderNumbers.incrementAndGet();
		this.createdAt[i] = now;
		this.timerAt[i] = now + 5_000 + random.nextInt(35_000);
		this.readyAt[i] = now + 120_000 + random.nextInt(480_000);
		this.cancels[i] = random.nextDouble() < 0.02;
		this.state[i] = AWAITING_RIDER;
		out.order(event(i, null, OrderStatus.CREATED, now));
	}

	private void assign(int i, long now, SplittableRandom random, FleetListener out) {
		this.assignedAt[i] = now;
		this.metres[i] = 0;
		this.state[i] = TO_RESTAURANT;
		int r = this.restaurant[i];
		route(i, this.city.restaurantCol(r) * BLOCK_M, this.city.restaurantRow(r) * BLOCK_M, random);
		out.order(event(i, riderId(i), OrderStatus.ASSIGNED, now));
	}

	private void pickUp(int i, long now, SplittableRandom random, FleetListener out) {
		if (this.cancels[i]) {
			// The restaurant ran out; the rider is released.
			out.order(event(i, riderId(i), OrderStatus.CANCELLED, now));
			this.state[i] = IDLE;
			this.orderId[i] = null;
			return;
		}
		this.pickedUpAt[i] = now;
		this.toRestaurantMetres[i] = this.metres[i];
		this.metres[i] = 0;
		this.state[i] = TO_CUSTOMER;
		route(i, this.customerCol[i] * BLOCK_M, this.customerRow[i] * BLOCK_M, random);
		out.order(event(i, riderId(i), OrderStatus.PICKED_UP, now));
	}

	private void deliver(int i, long now, FleetListener out) {
		OrderEvent delivered = event(i, riderId(i), OrderStatus.DELIVERED, now);
		out.order(delivered);
		out.delivered(new DeliveredOrder(this.orderId[i], riderId(i), delivered.restaurant().id(),
				delivered.customer().id(), Instant.ofEpochMilli(this.createdAt[i]),
				Instant.ofEpochMilli(this.assignedAt[i]), Instant.ofEpochMilli(this.arrivedRestaurantAt[i]),
				Instant.ofEpochMilli(this.pickedUpAt[i]), Instant.ofEpochMilli(this.arrivedCustomerAt[i]),
				Instant.ofEpochMilli(now), this.toRestaurantMetres[i], this.metres[i]));
		this.state[i] = IDLE;
		this.orderId[i] = null;
	}

	private OrderEvent event(int i, String rider, OrderStatus status, long now) {
		Place customer = this.city.customer(this.customerCol[i], this.customerRow[i]);
		return new OrderEvent(this.orderId[i], rider, status, this.city.restaurant(this.restaurant[i]), customer,
				Instant.ofEpochMilli(now));
	}

	/**
	 * Plans a route along the streets: to the next intersection if the rider is between
	 * two, then an L along two streets, preferring the one that uses an arterial.
	 */
	private void route(int i, double tx, double ty, SplittableRandom random) {
		int base = i * WAYPOINTS;
		int n = 0;
		double cx = this.x[i];
		double cy = this.y[i];
		boolean onColumn = onLine(cx);
		boolean onRow = onLine(cy);
		if (onRow && !onColumn) {
			cx = ((tx > cx) ? Math.ceil(cx / BLOCK_M) : Math.floor(cx / BLOCK_M)) * BLOCK_M;
			n = add(base, n, cx, cy);
		}
		else if (onColumn && !onRow) {
			cy = ((ty > cy) ? Math.ceil(cy / BLOCK_M) : Math.floor(cy / BLOCK_M)) * BLOCK_M;
			n = add(base, n, cx, cy);
		}
		int arterialsEastFirst = (this.city.arterialRow(row(cy)) ? 1 : 0) + (this.city.arterialColumn(col(tx)) ? 1 : 0);
		int arterialsNorthFirst = (this.city.arterialColumn(col(cx)) ? 1 : 0)
				+ (this.city.arterialRow(row(ty)) ? 1 : 0);
		boolean eastFirst = (arterialsEastFirst != arterialsNorthFirst) ? arterialsEastFirst > arterialsNorthFirst
				: random.nextBoolean();
		double cornerX = eastFirst ? tx : cx;
		double cornerY = eastFirst ? cy : ty;
		if ((cornerX != cx || cornerY != cy) && (cornerX != tx || cornerY != ty)) {
			n = add(base, n, cornerX, cornerY);
		}
		if (tx != cx || ty != cy) {
			n = add(base, n, tx, ty);
		}
		this.wpCount[i] = (byte) n;
		this.wpNext[i] = 0;
	}

	private int add(int base, int n, double px, double py) {
		this.wpx[base + n] = px;
		this.wpy[base + n] = py;
		return n + 1;
	}

	private boolean arrived(int i) {
		return this.wpNext[i] >= this.wpCount[i];
	}

	/**
	 * Moves a rider along its route for the time since its last step, less any time
	 * stopped (a signal, a jam).
	 * @return metres travelled
	 */
	private double move(int i, long now, SplittableRandom random) {
		// A rider paused for long (taken off the road by a lower rider count) resumes
		// where it was rather than jumping ahead.
		long from = Math.max(Math.max(this.lastAt[i], this.stopUntil[i]), now - 60_000);
		if (arrived(i) || now <= from) {
			return 0;
		}
		double seconds = (now - from) / 1000.0;
		int base = i * WAYPOINTS;
		double wx = this.wpx[base + this.wpNext[i]];
		double wy = this.wpy[base + this.wpNext[i]];
		double speed = speed(i, wx, wy, now, random);
		double budget = speed * seconds;
		double travelled = 0;
		while (budget > 0 && !arrived(i)) {
			wx = this.wpx[base + this.wpNext[i]];
			wy = this.wpy[base + this.wpNext[i]];
			double dx = wx - this.x[i];
			double dy = wy - this.y[i];
			double d = Math.abs(dx) + Math.abs(dy);
			if (d > 0) {
				this.heading[i] = (short) ((dx != 0) ? ((dx > 0) ? 90 : 270) : ((dy > 0) ? 0 : 180));
			}
			if (d <= budget) {
				this.x[i] = wx;
				this.y[i] = wy;
				budget -= d;
				travelled += d;
				this.wpNext[i]++;
			}
			else {
				this.x[i] += Math.signum(dx) * budget;
				this.y[i] += Math.signum(dy) * budget;
				travelled += budget;
				budget = 0;
			}
		}
		if (!arrived(i) && random.nextDouble() < -Math.expm1(-seconds / 90)) {
			// A red light or a jam: stand still for a few seconds.
			this.stopUntil[i] = now + 4_000 + random.nextInt(16_000);
		}
		return travelled;
	}

	private double speed(int i, double wx, double wy, long now, SplittableRandom random) {
		double base;
		if (this.state[i] == IDLE || this.state[i] == AWAITING_RIDER) {
			base = WANDER_SPEED;
		}
		else if (wy == this.y[i]) {
			base = this.city.arterialRow(row(this.y[i])) ? ARTERIAL_SPEED : STREET_SPEED;
		}
		else {
			base = this.city.arterialColumn(col(this.x[i])) ? ARTERIAL_SPEED : STREET_SPEED;
		}
		double v = base * this.speedFactor[i] * this.city.neighbourhoodTraffic(this.x[i], this.y[i])
				* City.rushHourTraffic(now) * (0.85 + 0.3 * random.nextDouble());
		return Math.min(MAX_SPEED, Math.max(MIN_SPEED, v));
	}

	private RiderLocation fix(int i, long now, double speed, SplittableRandom random) {
		double accuracy;
		double ex = 0;
		double ey = 0;
		if (this.gpsNoise) {
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
		String order = (this.state[i] >= TO_RESTAURANT) ? this.orderId[i] : null;
		return new RiderLocation(riderId(i), ++this.seq[i], order, this.city.lat(this.y[i] + ey),
				this.city.lon(this.x[i] + ex), round(speed, 100), this.heading[i], round(accuracy, 10),
				Instant.ofEpochMilli(now));
	}

	/**
	 * How many riders are in each state, counted without locks (a moment's snapshot).
	 * @param riders the riders to count
	 * @return riders idle or awaiting, riding to a restaurant or waiting there, riding to
	 * or handing over to a customer
	 */
	public int[] census(int riders) {
		int[] counts = new int[3];
		for (int i = 0; i < Math.min(riders, this.capacity); i++) {
			byte s = this.state[i];
			counts[(s == TO_RESTAURANT || s == AT_RESTAURANT) ? 1 : (s == TO_CUSTOMER || s == AT_CUSTOMER) ? 2 : 0]++;
		}
		return counts;
	}

	double x(int i) {
		return this.x[i];
	}

	double y(int i) {
		return this.y[i];
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

	private static int nearestCol(double x) {
		return col(x);
	}

	private static int nearestRow(double y) {
		return row(y);
	}

	private static int clamp(int v, int min, int max) {
		return Math.max(min, Math.min(max, v));
	}

	private void allocate(int n) {
		this.capacity = n;
		this.state = (this.state == null) ? new byte[n] : Arrays.copyOf(this.state, n);
		this.x = grow(this.x, n);
		this.y = grow(this.y, n);
		this.wpx = grow(this.wpx, n * WAYPOINTS);
		this.wpy = grow(this.wpy, n * WAYPOINTS);
		this.wpCount = (this.wpCount == null) ? new byte[n] : Arrays.copyOf(this.wpCount, n);
		this.wpNext = (this.wpNext == null) ? new byte[n] : Arrays.copyOf(this.wpNext, n);
		this.speedFactor = (this.speedFactor == null) ? new float[n] : Arrays.copyOf(this.speedFactor, n);
		this.heading = (this.heading == null) ? new short[n] : Arrays.copyOf(this.heading, n);
		this.seq = grow(this.seq, n);
		this.lastAt = grow(this.lastAt, n);
		this.stopUntil = grow(this.stopUntil, n);
		this.timerAt = grow(this.timerAt, n);
		this.readyAt = grow(this.readyAt, n);
		this.createdAt = grow(this.createdAt, n);
		this.assignedAt = grow(this.assignedAt, n);
		this.arrivedRestaurantAt = grow(this.arrivedRestaurantAt, n);
		this.pickedUpAt = grow(this.pickedUpAt, n);
		this.arrivedCustomerAt = grow(this.arrivedCustomerAt, n);
		this.metres = (this.metres == null) ? new float[n] : Arrays.copyOf(this.metres, n);
		this.toRestaurantMetres = (this.toRestaurantMetres == null) ? new float[n]
				: Arrays.copyOf(this.toRestaurantMetres, n);
		this.restaurant = grow(this.restaurant, n);
		this.customerCol = grow(this.customerCol, n);
		this.customerRow = grow(this.customerRow, n);
		this.cancels = (this.cancels == null) ? new boolean[n] : Arrays.copyOf(this.cancels, n);
		this.orderId = (this.orderId == null) ? new String[n] : Arrays.copyOf(this.orderId, n);
		this.riderIds = (this.riderIds == null) ? new String[n] : Arrays.copyOf(this.riderIds, n);
	}

	private static double[] grow(double[] a, int n) {
		return (a == null) ? new double[n] : Arrays.copyOf(a, n);
	}

	private static long[] grow(long[] a, int n) {
		return (a == null) ? new long[n] : Arrays.copyOf(a, n);
	}

	private static int[] grow(int[] a, int n) {
		return (a == null) ? new int[n] : Arrays.copyOf(a, n);
	}

}
