package dev.ridertrack.loadgen.city;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every rider of the city, one {@link Rider} object each, indexed by rider.
 * <p>
 * Until 2026-12-06 the riders' state lived in 27 parallel primitive arrays (states as
 * byte constants), for fewer bytes and no pointer chasing. Measured at 100,000 riders
 * stepped in the time wheel's order, alternating in one run
 * ({@code ./ridertrack bench fleet}, docs/benchmarks.md; machine at load average 22-28),
 * the object per rider was not dearer: 227-362 ns of CPU per rider step against 317-378
 * ns for the arrays, and 284 against 283 bytes of heap a rider (default JVM); with the
 * local stack's flags (C1 only, serial GC) 408-423 ns against 488-511 ns, and 272 against
 * 238 bytes. Allocation per step is the same (the fix). So the layout that reads like the
 * domain stays.
 * <p>
 * A rider is born at its first step and moves only when {@link #step} is called for it,
 * by the time passed since its previous step; the caller owns the clock. Different riders
 * may be stepped from different threads, one rider only from one thread at a time.
 */
public final class Fleet {

	/** Slowest a moving rider rides, m/s. */
	public static final double MIN_SPEED = 3;

	/** Fastest a rider ever rides, m/s. */
	public static final double MAX_SPEED = 12;

	private final City city;

	private final double orderRatePerSecond;

	private final boolean gpsNoise;

	private final AtomicLong orderNumbers = new AtomicLong();

	private Rider[] riders;

	/**
	 * A fleet with room for some riders; {@link #ensureCapacity} makes more room.
	 * @param city where the riders ride
	 * @param capacity riders to make room for
	 * @param orderEvery how long an idle rider waits for an order on average
	 * @param gpsNoise whether fixes carry realistic GPS error
	 */
	public Fleet(City city, int capacity, Duration orderEvery, boolean gpsNoise) {
		this.city = city;
		this.orderRatePerSecond = 1000.0 / Math.max(1, orderEvery.toMillis());
		this.gpsNoise = gpsNoise;
		this.riders = new Rider[Math.max(1, capacity)];
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
		return this.riders.length;
	}

	/**
	 * Makes room for more riders. Not thread-safe: nobody may step a rider meanwhile.
	 * @param riders the riders to make room for
	 */
	public void ensureCapacity(int riders) {
		int capacity = this.riders.length;
		if (riders > capacity) {
			this.riders = Arrays.copyOf(this.riders, Math.max(riders, capacity + capacity / 2));
		}
	}

	/**
	 * The id of a rider.
	 * @param i the rider's index
	 * @return an id like {@code rider-000042} (index 41)
	 */
	public String riderId(int i) {
		Rider rider = this.riders[i];
		return (rider != null) ? rider.id() : riderIdOf(i);
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
		Rider rider = this.riders[i];
		if (rider == null) {
			rider = new Rider(this, riderIdOf(i), now, random);
			this.riders[i] = rider;
		}
		rider.step(i, now, random, demand, out);
	}

	/**
	 * How many riders are in each phase, counted without locks (a moment's snapshot).
	 * @param riders the riders to count
	 * @return riders idle or awaiting, riding to a restaurant or waiting there, riding to
	 * or handing over to a customer
	 */
	public int[] census(int riders) {
		int[] counts = new int[3];
		Rider[] all = this.riders;
		for (int i = 0; i < Math.min(riders, all.length); i++) {
			Rider rider = all[i];
			Rider.Phase phase = (rider != null) ? rider.phase() : Rider.Phase.IDLE;
			counts[switch (phase) {
				case TO_RESTAURANT, AT_RESTAURANT -> 1;
				case TO_CUSTOMER, AT_CUSTOMER -> 2;
				default -> 0;
			}]++;
		}
		return counts;
	}

	double orderRatePerSecond() {
		return this.orderRatePerSecond;
	}

	boolean gpsNoise() {
		return this.gpsNoise;
	}

	String nextOrderId() {
		return "order-" + this.orderNumbers.incrementAndGet();
	}

}
