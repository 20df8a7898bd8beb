package dev.ridertrack.loadgen.run;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.loadgen.LoadGeneratorProperties;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Mode;
import dev.ridertrack.loadgen.city.City;
import dev.ridertrack.loadgen.city.DeliveredOrder;
import dev.ridertrack.loadgen.city.Fleet;
import dev.ridertrack.loadgen.city.FleetListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the city in real time: steps every rider once per interval and sends what happens.
 * <p>
 * Scheduling is a time wheel without a task per rider: the interval is cut into slots of
 * {@value #TICK_MILLIS} ms, rider {@code i} belongs to slot {@code (i / workers) % slots}
 * of worker {@code i % workers}, and each tick a worker steps the riders of one slot. So
 * fixes leave evenly spread over the interval (no thundering herd), 100,000 riders cost
 * no more scheduling memory than ten, and a rider count change takes effect on the next
 * tick. During a spike of factor {@code k}, each tick also steps the slots {@code 1/k},
 * {@code 2/k}... of an interval ahead, so every rider reports {@code k} times as often.
 * <p>
 * One piece, over 450 lines, for now: the lifecycle, the time wheel and the measurements
 * share the workers' state on the hot path. The natural split (issue 16, not done yet) is
 * the wheel in its own class and the measurements and the status record in another.
 */
public final class LoadEngine implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LoadEngine.class);

	static final long TICK_MILLIS = 10;

	private final LoadGeneratorProperties properties;

	private final Supplier<Map<String, Object>> kafkaProducerProperties;

	private final String tokenSecret;

	private final Clock clock;

	private final Fleet fleet;

	private final GroundTruth groundTruth;

	private final ReentrantReadWriteLock resizing = new ReentrantReadWriteLock();

	private final Object lifecycle = new Object();

	private volatile Run run;

	private volatile LoadStats stats = new LoadStats();

	private volatile Progress progress = Progress.idle();

	/**
	 * An engine, not yet running.
	 * @param properties the settings
	 * @param kafkaProducerProperties Spring's producer settings, read at each start
	 * @param tokenSecret the rider token secret, needed in http mode only
	 * @param clock the time fixes and events carry
	 */
	public LoadEngine(LoadGeneratorProperties properties, Supplier<Map<String, Object>> kafkaProducerProperties,
			String tokenSecret, Clock clock) {
		this.properties = properties;
		this.kafkaProducerProperties = kafkaProducerProperties;
		this.tokenSecret = tokenSecret;
		this.clock = clock;
		City city = new City(properties.city(), properties.seed());
		this.fleet = new Fleet(city, Math.max(1, properties.riders()), properties.orderEvery(), properties.gpsNoise());
		this.groundTruth = new GroundTruth(properties.groundTruthSize(), properties.groundTruthFile());
	}

	/**
	 * The scenario the settings describe.
	 * @return the configured plan
	 */
	public ScenarioPlan configuredPlan() {
		return ScenarioPlan.from(this.properties);
	}

	/**
	 * Starts simulating, unless already running.
	 * @param plan the scenario to run
	 * @return {@code true} if this call started it
	 */
	public boolean start(ScenarioPlan plan) {
		synchronized (this.lifecycle) {
			if (this.run != null) {
				return false;
			}
			grow(plan.riders());
			LoadStats fresh = new LoadStats();
			KafkaPublisher kafka = new KafkaPublisher(this.kafkaProducerProperties.get(), fresh);
			FixSink sink = kafka;
			if (this.properties.mode() == Mode.HTTP) {
				try {
					int connections = httpConnections(plan);
					int concurrency = (this.properties.httpConcurrency() > 0) ? this.properties.httpConcurrency()
							: 2 * connections;
					sink = new LocationProducerClient(this.properties.producerUrl(), this.tokenSecret, concurrency,
							connections, this.properties.uploadEvery(), fresh);
				}
				catch (RuntimeException ex) {
					kafka.close();
					throw ex;
				}
			}
			this.stats = fresh;
			this.run = new Run(plan, kafka, sink, fresh);
			this.run.begin();
			logger.info("Simulating " + plan.riders() + " riders (" + plan.type().name().toLowerCase(Locale.ROOT)
					+ ", every " + this.properties.interval().toMillis() + " ms, mode "
					+ this.properties.mode().name().toLowerCase(Locale.ROOT) + ")");
			return true;
		}
	}

	/**
	 * Stops simulating, waits for every fix in flight to be acknowledged, and reports.
	 * @return the run's summary, or {@code null} if nothing was running
	 */
	public Summary stop() {
		synchronized (this.lifecycle) {
			Run stopping = this.run;
			if (stopping == null) {
				return null;
			}
			stopping.end();
			this.run = null;
			Summary summary = stopping.summary();
			this.progress = this.progress.stopped();
			return summary;
		}
	}

	/**
	 * Switches the running scenario, which starts over from its beginning (a ramp from
	 * zero, a spike after its delay).
	 * @param plan the new scenario
	 * @return {@code false} if nothing is running
	 */
	public boolean scenario(ScenarioPlan plan) {
		synchronized (this.lifecycle) {
			Run current = this.run;
			if (current == null) {
				return false;
			}
			grow(plan.riders());
			current.plan(plan, true);
			return true;
		}
	}

	/**
	 * Changes the rider count of the running scenario, from the next tick.
	 * @param riders the new count
	 * @return {@code false} if nothing is running
	 */
	public boolean riders(int riders) {
		synchronized (this.lifecycle) {
			Run current = this.run;
			if (current == null) {
				return false;
			}
			grow(riders);
			current.plan(current.plan.withRiders(riders), false);
			return true;
		}
	}

	/**
	 * @return what the engine is doing, as of the last second
	 */
	public Status status() {
		Run current = this.run;
		Progress p = this.progress;
		LoadStats s = this.stats;
		ScenarioPlan plan = (current != null) ? current.plan : null;
		return new Status(current != null, this.properties.mode().name().toLowerCase(Locale.ROOT),
				(plan != null) ? plan : p.plan, this.properties.interval(), p.activeRiders, p.rateFactor,
				p.targetPerSecond, p.achievedPerSecond, s.fixesAttempted.sum(), s.fixesSent.sum(), s.fixesFailed.sum(),
				s.requests.sum(), s.ordersCreated.sum(), s.ordersActive(), s.ordersDelivered.sum(),
				s.ordersCancelled.sum(), s.errors(), p.p50, p.p99, p.toRestaurant, p.toCustomer, p.elapsedSeconds);
	}

	/**
	 * The latest delivered orders as they really happened.
	 * @param limit how many at most
	 * @return the orders, newest last
	 */
	public List<DeliveredOrder> groundTruth(int limit) {
		return this.groundTruth.recent(limit);
	}

	/**
	 * @return the current run's running totals (the last run's when stopped)
	 */
	LoadStats stats() {
		return this.stats;
	}

	@Override
	public void close() {
		Summary summary = stop();
		if (summary != null) {
			summary.print();
		}
		this.groundTruth.close();
	}

	private void grow(int riders) {
		if (riders > this.fleet.capacity()) {
			this.resizing.writeLock().lock();
			try {
				this.fleet.ensureCapacity(riders);
			}
			finally {
				this.resizing.writeLock().unlock();
			}
		}
	}

	/**
	 * Connections for the rate the plan asks for: a request takes ~20 ms, so one
	 * connection carries about 50 requests a second. At most 256, although a connection
	 * no longer costs the client a thread: with 800, location-producer spent ~50% more
	 * CPU per request and answered later, at no gain in rate.
	 */
	private int httpConnections(ScenarioPlan plan) {
		if (this.properties.httpConnections() > 0) {
			return this.properties.httpConnections();
		}
		double requestsPerSecond = plan.riders() * 1000.0 / Math.max(1, this.properties.interval().toMillis())
				/ Math.max(1, this.properties.uploadEvery());
		return (int) Math.max(4, Math.min(256, Math.ceil(requestsPerSecond / 50)));
	}

	private int workers() {
		int configured = this.properties.workers();
		return (configured > 0) ? configured : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
	}

	/** One run from start to stop. */
	private final class Run implements FleetListener {

		private final KafkaPublisher kafka;

		private final FixSink sink;

		private final LoadStats stats;

		private final long slots;

		private final List<Thread> threads = new ArrayList<>();

		private final long startedAt;

		private final long cpuAtStart = processCpuNanos();

		private final long startNanos = System.nanoTime();

		private final long warmupNanos = LoadEngine.this.properties.warmup().toNanos();

		private volatile LatencyHistogram.Snapshot runLatency;

		/** (nanoTime, fixes sent) when the warm-up ended. */
		private volatile long[] warm = (this.warmupNanos > 0) ? null : new long[] { this.startNanos, 0 };

		private volatile ScenarioPlan plan;

		private volatile long planStartedAt;

		private volatile boolean running = true;

		/** (nanoTime, fixes sent) once a second, for the steady-state rate. */
		private final List<long[]> samples = new ArrayList<>();

		Run(ScenarioPlan plan, KafkaPublisher kafka, FixSink sink, LoadStats stats) {
			this.plan = plan;
			this.kafka = kafka;
			this.sink = sink;
			this.stats = stats;
			this.slots = Math.max(1, LoadEngine.this.properties.interval().toMillis() / TICK_MILLIS);
			this.startedAt = LoadEngine.this.clock.millis();
			this.planStartedAt = this.startedAt;
		}

		void plan(ScenarioPlan next, boolean restart) {
			if (restart) {
				this.planStartedAt = LoadEngine.this.clock.millis();
			}
			this.plan = next;
		}

		void begin() {
			int count = workers();
			SplittableRandom seeds = new SplittableRandom(LoadEngine.this.properties.seed());
			for (int w = 0; w < count; w++) {
				int worker = w;
				SplittableRandom random = seeds.split();
				Thread thread = new Thread(() -> work(worker, count, random), "loadgen-worker-" + w);
				thread.setDaemon(true);
				this.threads.add(thread);
			}
			Thread reporter = new Thread(this::report, "loadgen-progress");
			reporter.setDaemon(true);
			this.threads.add(reporter);
			this.threads.forEach(Thread::start);
		}

		private void work(int worker, int workers, SplittableRandom random) {
			long tickNanos = TICK_MILLIS * 1_000_000;
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
						// More than a whole interval behind: give up on the missed ticks
						// (the
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
			ScenarioPlan current = this.plan;
			long wall = LoadEngine.this.clock.millis();
			long elapsed = wall - this.planStartedAt;
			int factor = current.rateFactor(elapsed);
			LoadEngine.this.resizing.readLock().lock();
			try {
				int active = Math.min(current.activeRiders(elapsed), LoadEngine.this.fleet.capacity());
				long stride = (long) workers * this.slots;
				for (int k = 0; k < factor; k++) {
					long slot = (tick + k * this.slots / factor) % this.slots;
					for (long i = worker + workers * slot; i < active; i += stride) {
						LoadEngine.this.fleet.step((int) i, wall, random, factor, this);
					}
				}
			}
			finally {
				LoadEngine.this.resizing.readLock().unlock();
			}
		}

		@Override
		public void fix(int rider, RiderLocation fix) {
			this.sink.send(rider, fix);
		}

		@Override
		public void order(OrderEvent event) {
			switch (event.status()) {
				case CREATED -> this.stats.ordersCreated.increment();
				case DELIVERED -> this.stats.ordersDelivered.increment();
				case CANCELLED -> this.stats.ordersCancelled.increment();
				default -> {
				}
			}
			this.kafka.sendOrder(event);
		}

		@Override
		public void delivered(DeliveredOrder order) {
			LoadEngine.this.groundTruth.add(order);
		}

		private void report() {
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
				LoadEngine.this.progress = sample(achieved);
				printer.print(LoadEngine.this.status());
			}
			printer.finish();
		}

		private Progress sample(double achieved) {
			ScenarioPlan current = this.plan;
			long wall = LoadEngine.this.clock.millis();
			long elapsed = wall - this.planStartedAt;
			int active = Math.min(current.activeRiders(elapsed), LoadEngine.this.fleet.capacity());
			int factor = current.rateFactor(elapsed);
			double target = active * factor * 1000.0 / LoadEngine.this.properties.interval().toMillis();
			LatencyHistogram.Snapshot window = this.stats.recentLatency.snapshot(true);
			int[] census = LoadEngine.this.fleet.census(active);
			return new Progress(current, active, factor, target, achieved, window.percentileMillis(0.5),
					window.percentileMillis(0.99), census[1], census[2], (wall - this.startedAt) / 1000.0);
		}

		void end() {
			this.running = false;
			for (Thread thread : this.threads) {
				try {
					thread.join(5_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			// Latencies while the riders were riding: the final flush (every app's
			// partial batch at once in http mode) is an artifact of stopping
			this.runLatency = this.stats.latency.snapshot(false);
			// Every fix taken is now acknowledged or counted as failed: sent = on the
			// topic.
			this.sink.flush();
			this.kafka.flush();
			if (this.sink != this.kafka) {
				this.sink.close();
			}
			this.kafka.close();
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

		Summary summary() {
			double seconds = Math.max(0.001, (LoadEngine.this.clock.millis() - this.startedAt) / 1000.0);
			LatencyHistogram.Snapshot all = (this.runLatency != null) ? this.runLatency
					: this.stats.latency.snapshot(false);
			ScenarioPlan current = this.plan;
			double target = current.riders() * 1000.0 / LoadEngine.this.properties.interval().toMillis();
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
			return new Summary(LoadEngine.this.properties.mode().name().toLowerCase(Locale.ROOT),
					current.type().name().toLowerCase(Locale.ROOT), current.riders(),
					LoadEngine.this.properties.interval(), seconds, this.stats.fixesAttempted.sum(),
					this.stats.fixesSent.sum(), this.stats.fixesFailed.sum(), this.stats.requests.sum(), target,
					this.stats.fixesSent.sum() / seconds, secondHalf,
					LoadEngine.this.properties.warmup().toMillis() / 1000.0, steadyPerSecond(),
					all.percentileMillis(0.5), all.percentileMillis(0.99), all.maxMillis(),
					this.stats.ordersCreated.sum(), this.stats.ordersDelivered.sum(), this.stats.ordersCancelled.sum(),
					this.stats.orderEventsFailed.sum(), heapUsedMiB(), heapMaxMiB(),
					(processCpuNanos() - this.cpuAtStart) / 1e9);
		}

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
	private record Progress(ScenarioPlan plan, int activeRiders, int rateFactor, double targetPerSecond,
			double achievedPerSecond, double p50, double p99, int toRestaurant, int toCustomer, double elapsedSeconds) {

		static Progress idle() {
			return new Progress(null, 0, 1, 0, 0, 0, 0, 0, 0, 0);
		}

		Progress stopped() {
			return new Progress(this.plan, 0, 1, 0, 0, this.p50, this.p99, 0, 0, this.elapsedSeconds);
		}

	}

	/**
	 * What the engine is doing.
	 *
	 * @param running whether riders are being simulated
	 * @param mode kafka or http
	 * @param scenario the current (or last) scenario
	 * @param interval how often each rider sends a fix
	 * @param activeRiders riders on the road now
	 * @param rateFactor 1, or the spike factor during a spike
	 * @param targetFixesPerSecond the rate the scenario asks for now
	 * @param achievedFixesPerSecond fixes acknowledged in the last second
	 * @param fixesAttempted fixes taken and handed to the sender
	 * @param fixesSent fixes acknowledged (by Kafka, or by location-producer)
	 * @param fixesFailed fixes that could not be sent
	 * @param httpRequests requests to location-producer (http mode)
	 * @param ordersCreated orders placed
	 * @param ordersActive orders placed and not yet delivered or cancelled
	 * @param ordersDelivered orders delivered
	 * @param ordersCancelled orders cancelled
	 * @param errors failed fixes and order events
	 * @param latencyP50Ms median send latency in the last second
	 * @param latencyP99Ms 99th percentile send latency in the last second
	 * @param ridersToRestaurant riders assigned and riding to (or waiting at) a
	 * restaurant
	 * @param ridersToCustomer riders carrying food
	 * @param elapsedSeconds time since the run started
	 */
	public record Status(boolean running, String mode, ScenarioPlan scenario, Duration interval, int activeRiders,
			int rateFactor, double targetFixesPerSecond, double achievedFixesPerSecond, long fixesAttempted,
			long fixesSent, long fixesFailed, long httpRequests, long ordersCreated, long ordersActive,
			long ordersDelivered, long ordersCancelled, long errors, double latencyP50Ms, double latencyP99Ms,
			int ridersToRestaurant, int ridersToCustomer, double elapsedSeconds) {
	}

}
