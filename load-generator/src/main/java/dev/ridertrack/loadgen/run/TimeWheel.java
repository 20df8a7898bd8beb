package dev.ridertrack.loadgen.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

import dev.ridertrack.loadgen.city.Fleet;
import dev.ridertrack.loadgen.city.FleetListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Steps every rider once per interval, without a task per rider.
 * <p>
 * The interval is cut into slots of one tick each, rider {@code i} belongs to slot
 * {@code (i / workers) % slots} of worker {@code i % workers}, and each tick a worker
 * steps the riders of one slot. So fixes leave evenly spread over the interval (no
 * thundering herd), 100,000 riders cost no more scheduling memory than ten, and a rider
 * count change takes effect on the next tick. During a spike of factor {@code k}, each
 * tick also steps the slots {@code 1/k}, {@code 2/k}... of an interval ahead, so every
 * rider reports {@code k} times as often.
 * <p>
 * A tick is {@value #MIN_TICK_MILLIS} ms at high rates and longer at low ones, so that a
 * worker steps about {@value #RIDERS_PER_TICK} riders per tick (see {@link #tickMillis}):
 * each tick is a thread wake-up, and at the local stack's default load (2,000 riders
 * every 5 s, two workers) 10 ms ticks woke the workers 200 times a second for 2 riders
 * each, about a third of the generator's CPU.
 */
final class TimeWheel {

	private static final Log logger = LogFactory.getLog(TimeWheel.class);

	static final long MIN_TICK_MILLIS = 10;

	static final long MAX_TICK_MILLIS = 100;

	static final int RIDERS_PER_TICK = 10;

	/** The highest spike factor: each tick steps that many slots, which must differ. */
	private static final int MAX_RATE_FACTOR = 20;

	private final Fleet fleet;

	private final Lock stepping;

	private final Clock clock;

	private final long tickNanos;

	private final long slots;

	private final int workers;

	private final FleetListener out;

	private final List<Thread> threads = new ArrayList<>();

	private volatile Scheduled scheduled;

	private volatile boolean running = true;

	/**
	 * A wheel, not yet turning.
	 * @param fleet the riders
	 * @param stepping held while stepping; whoever grows the fleet holds its write side
	 * @param clock the time fixes and events carry
	 * @param interval how often each rider is stepped at a rate factor of 1
	 * @param plan the scenario to start with; its full rider count sets the tick
	 * @param workers how many threads step riders
	 * @param out receives every fix and order event
	 */
	TimeWheel(Fleet fleet, Lock stepping, Clock clock, Duration interval, ScenarioPlan plan, int workers,
			FleetListener out) {
		this.fleet = fleet;
		this.stepping = stepping;
		this.clock = clock;
		this.workers = workers;
		this.slots = Math.max(1, interval.toMillis() / tickMillis(interval, plan.riders(), workers));
		// the slots make up the interval exactly, whatever the tick
		this.tickNanos = Math.max(1, interval.toNanos() / this.slots);
		this.out = out;
		this.scheduled = new Scheduled(plan, clock.millis());
	}

	/**
	 * The tick for a load: long enough for a worker to step about
	 * {@value #RIDERS_PER_TICK} riders, from {@value #MIN_TICK_MILLIS} to
	 * {@value #MAX_TICK_MILLIS} ms, and short enough that an interval has a slot for each
	 * of a spike's steps.
	 * @param interval the fix interval
	 * @param riders the riders at full load
	 * @param workers the threads stepping them
	 * @return the tick in milliseconds
	 */
	static long tickMillis(Duration interval, int riders, int workers) {
		long intervalMillis = Math.max(1, interval.toMillis());
		double forRiders = Math.ceil(RIDERS_PER_TICK * (double) workers * intervalMillis / Math.max(1, riders));
		long longest = Math.min(MAX_TICK_MILLIS, intervalMillis / MAX_RATE_FACTOR);
		return Math.max(MIN_TICK_MILLIS, Math.min(longest, (long) forRiders));
	}

	/**
	 * Starts the workers, each with its own random source split from the seed.
	 * @param seed the run's seed
	 */
	void start(long seed) {
		int workers = this.workers;
		SplittableRandom seeds = new SplittableRandom(seed);
		for (int w = 0; w < workers; w++) {
			int worker = w;
			SplittableRandom random = seeds.split();
			Thread thread = new Thread(() -> work(worker, workers, random), "loadgen-worker-" + w);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	/** Stops the workers and waits for each to finish its tick. */
	void stop() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Switches the scenario from the next tick.
	 * @param next the new scenario
	 * @param restart whether it starts over from its beginning, or keeps the old one's
	 * clock (a rider count change)
	 */
	void plan(ScenarioPlan next, boolean restart) {
		Scheduled current = this.scheduled;
		this.scheduled = new Scheduled(next, restart ? this.clock.millis() : current.startedAt());
	}

	ScenarioPlan plan() {
		return this.scheduled.plan();
	}

	/**
	 * Riders on the road at a moment, as far as the fleet has room.
	 * @param wall the time, epoch milliseconds
	 * @return how many riders the wheel steps
	 */
	int activeRiders(long wall) {
		return this.scheduled.activeRiders(wall, this.fleet.capacity());
	}

	/**
	 * How many times per interval each rider is stepped at a moment.
	 * @param wall the time, epoch milliseconds
	 * @return 1, or the spike factor
	 */
	int rateFactor(long wall) {
		return this.scheduled.rateFactor(wall);
	}

	private void work(int worker, int workers, SplittableRandom random) {
		long tickNanos = this.tickNanos;
		long intervalNanos = this.slots * tickNanos;
		long next = System.nanoTime();
		long tick = 0;
		try {
			while (this.running) {
				long now = System.nanoTime();
				if (now < next) {
					LockSupport.parkNanos(next - now);
					continue;
				}
				if (now - next > intervalNanos) {
					// More than a whole interval behind: give up on the missed ticks (the
					// shortfall shows as achieved below target) rather than burst.
					next = now;
				}
				tick(worker, workers, tick, random);
				tick++;
				next += tickNanos;
			}
		}
		catch (RuntimeException ex) {
			logger.error("Worker " + worker + " stopped", ex);
		}
	}

	private void tick(int worker, int workers, long tick, SplittableRandom random) {
		Scheduled current = this.scheduled;
		long wall = this.clock.millis();
		int factor = current.rateFactor(wall);
		this.stepping.lock();
		try {
			int active = current.activeRiders(wall, this.fleet.capacity());
			long stride = (long) workers * this.slots;
			for (int k = 0; k < factor; k++) {
				long slot = (tick + k * this.slots / factor) % this.slots;
				for (long i = worker + workers * slot; i < active; i += stride) {
					this.fleet.step((int) i, wall, random, factor, this.out);
				}
			}
		}
		finally {
			this.stepping.unlock();
		}
	}

	/** A scenario and when it started, switched together. */
	private record Scheduled(ScenarioPlan plan, long startedAt) {

		int activeRiders(long wall, int capacity) {
			return Math.min(this.plan.activeRiders(wall - this.startedAt), capacity);
		}

		int rateFactor(long wall) {
			return this.plan.rateFactor(wall - this.startedAt);
		}

	}

}
