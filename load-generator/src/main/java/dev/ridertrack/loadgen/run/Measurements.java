package dev.ridertrack.loadgen.run;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.ridertrack.loadgen.city.Fleet;

/**
 * What one run measures: once a second the rate achieved, the latency of the last second
 * and how many riders are on an order (the {@link Progress} behind the status and the
 * progress line), the samples the steady-state rate is read from, and at the end the
 * run's {@link Summary}.
 */
final class Measurements {

	private final LoadStats stats;

	private final TimeWheel wheel;

	private final Fleet fleet;

	private final Clock clock;

	private final Duration interval;

	private final Duration warmup;

	private final String mode;

	private final long startedAt;

	private final long cpuAtStart = processCpuNanos();

	private final long startNanos = System.nanoTime();

	private final long warmupNanos;

	/** (nanoTime, fixes sent) once a second, for the steady-state rate. */
	private final List<long[]> samples = new ArrayList<>();

	/** (nanoTime, fixes sent) when the warm-up ended. */
	private volatile long[] warm;

	private volatile LatencyHistogram.Snapshot runLatency;

	private volatile Progress progress;

	private volatile boolean running = true;

	private Thread reporter;

	/**
	 * Measurements of a run starting now.
	 * @param stats the run's running totals
	 * @param wheel what is being stepped
	 * @param fleet the riders, for the census
	 * @param clock the wall clock
	 * @param interval the fix interval
	 * @param warmup how long the run is unmeasured at first
	 * @param mode kafka or http, for the summary
	 * @param progress what the status shows until the first second is measured
	 */
	Measurements(LoadStats stats, TimeWheel wheel, Fleet fleet, Clock clock, Duration interval, Duration warmup,
			String mode, Progress progress) {
		this.stats = stats;
		this.wheel = wheel;
		this.fleet = fleet;
		this.clock = clock;
		this.interval = interval;
		this.warmup = warmup;
		this.mode = mode;
		this.progress = progress;
		this.startedAt = clock.millis();
		this.warmupNanos = warmup.toNanos();
		this.warm = (this.warmupNanos > 0) ? null : new long[] { this.startNanos, 0 };
	}

	/**
	 * Starts measuring once a second, printing the progress line after each.
	 * @param status the engine's status, for the progress line
	 */
	void start(Supplier<EngineStatus> status) {
		this.reporter = new Thread(() -> report(status), "loadgen-progress");
		this.reporter.setDaemon(true);
		this.reporter.start();
	}

	/** Stops measuring; call once the riders stand still. */
	void stop() {
		this.running = false;
		try {
			this.reporter.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Latencies while the riders were riding: the final flush (every app's partial
		// batch at once in http mode) is an artifact of stopping
		this.runLatency = this.stats.latency.snapshot(false);
	}

	/**
	 * @return the last second's figures
	 */
	Progress progress() {
		return this.progress;
	}

	private void report(Supplier<EngineStatus> status) {
		ProgressPrinter printer = new ProgressPrinter();
		long lastSent = 0;
		long lastNanos = System.nanoTime();
		while (this.running) {
			LockSupport.parkNanos(1_000_000_000L);
			if (!this.running) {
				break;
			}
			long nowNanos = System.nanoTime();
			long sent = this.stats.fixesSent.sum();
			double achieved = (sent - lastSent) * 1e9 / Math.max(1, nowNanos - lastNanos);
			lastSent = sent;
			lastNanos = nowNanos;
			synchronized (this.samples) {
				if (this.samples.size() < 1_000_000) {
					this.samples.add(new long[] { nowNanos, sent });
				}
			}
			if (this.warm == null && nowNanos - this.startNanos >= this.warmupNanos) {
				// from here on the run is measured: latencies start over
				this.stats.latency.snapshot(true);
				this.warm = new long[] { nowNanos, sent };
			}
			this.progress = sample(achieved);
			printer.print(status);
		}
		printer.finish();
	}

	private Progress sample(double achieved) {
		ScenarioPlan current = this.wheel.plan();
		long wall = this.clock.millis();
		int active = this.wheel.activeRiders(wall);
		int factor = this.wheel.rateFactor(wall);
		double target = active * factor * 1000.0 / this.interval.toMillis();
		LatencyHistogram.Snapshot window = this.stats.recentLatency.snapshot(true);
		int[] census = this.fleet.census(active);
		return new Progress(current, active, factor, target, achieved, window.percentileMillis(0.5),
				window.percentileMillis(0.99), census[1], census[2], (wall - this.startedAt) / 1000.0);
	}

	private double steadyPerSecond() {
		long[] from = this.warm;
		long[] to;
		synchronized (this.samples) {
			to = this.samples.isEmpty() ? null : this.samples.get(this.samples.size() - 1);
		}
		if (from == null || to == null || to[0] <= from[0]) {
			return 0;
		}
		// up to the last once-a-second sample: the rate while running, not the flush
		return (to[1] - from[1]) * 1e9 / (to[0] - from[0]);
	}

	/**
	 * @return the run's figures; call after the last fix is acknowledged or failed
	 */
	Summary summary() {
		double seconds = Math.max(0.001, (this.clock.millis() - this.startedAt) / 1000.0);
		LatencyHistogram.Snapshot all = (this.runLatency != null) ? this.runLatency
				: this.stats.latency.snapshot(false);
		ScenarioPlan current = this.wheel.plan();
		double target = current.riders() * 1000.0 / this.interval.toMillis();
		// The second half of the run shows the steady state, after JIT warm-up and
		// connection set-up.
		double secondHalf = this.stats.fixesSent.sum() / seconds;
		synchronized (this.samples) {
			if (this.samples.size() >= 4) {
				long[] mid = this.samples.get(this.samples.size() / 2);
				long[] end = this.samples.get(this.samples.size() - 1);
				secondHalf = (end[1] - mid[1]) * 1e9 / Math.max(1, end[0] - mid[0]);
			}
		}
		return new Summary(this.mode, current.type().name().toLowerCase(Locale.ROOT), current.riders(), this.interval,
				seconds, this.stats.fixesAttempted.sum(), this.stats.fixesSent.sum(), this.stats.fixesFailed.sum(),
				this.stats.requests.sum(), target, this.stats.fixesSent.sum() / seconds, secondHalf,
				this.warmup.toMillis() / 1000.0, steadyPerSecond(), all.percentileMillis(0.5),
				all.percentileMillis(0.99), all.maxMillis(), this.stats.ordersCreated.sum(),
				this.stats.ordersDelivered.sum(), this.stats.ordersCancelled.sum(), this.stats.orderEventsFailed.sum(),
				heapUsedMiB(), heapMaxMiB(), (processCpuNanos() - this.cpuAtStart) / 1e9);
	}

	private static long heapUsedMiB() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
	}

	private static long processCpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	private static long heapMaxMiB() {
		return Runtime.getRuntime().maxMemory() / (1024 * 1024);
	}

	/** A once-a-second sample for the status and the progress line. */
	record Progress(ScenarioPlan plan, int activeRiders, int rateFactor, double targetPerSecond,
			double achievedPerSecond, double p50, double p99, int toRestaurant, int toCustomer, double elapsedSeconds) {

		static Progress idle() {
			return new Progress(null, 0, 1, 0, 0, 0, 0, 0, 0, 0);
		}

		Progress stopped() {
			return new Progress(this.plan, 0, 1, 0, 0, this.p50, this.p99, 0, 0, this.elapsedSeconds);
		}

	}

}
