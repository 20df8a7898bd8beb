package dev.ridertrack.loadgen.run;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Runs the city in real time: starts, changes and stops runs, and answers what is going
 * on. A run steps every rider once per interval on a {@link TimeWheel}, sends what
 * happens to Kafka (or location-producer), and is measured by {@link Measurements}.
 */
public final class LoadEngine implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LoadEngine.class);

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

	/** The last run's last figures once it stopped. */
	private volatile Measurements.Progress progress = Measurements.Progress.idle();

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
			KafkaPublisher kafka = new KafkaPublisher(this.kafkaProducerProperties.get(), fixesPerSecond(plan), fresh);
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
			this.run = new Run(plan, kafka, sink, fresh, this.progress);
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
			Summary summary = stopping.measurements.summary();
			this.progress = stopping.measurements.progress().stopped();
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
			current.wheel.plan(plan, true);
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
			current.wheel.plan(current.wheel.plan().withRiders(riders), false);
			return true;
		}
	}

	/**
	 * @return what the engine is doing, as of the last second
	 */
	public EngineStatus status() {
		Run current = this.run;
		Measurements.Progress p = (current != null) ? current.measurements.progress() : this.progress;
		ScenarioPlan plan = (current != null) ? current.wheel.plan() : p.plan();
		return EngineStatus.of(current != null, mode(), plan, this.properties.interval(), p, this.stats);
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
		double requestsPerSecond = fixesPerSecond(plan) / Math.max(1, this.properties.uploadEvery());
		return (int) Math.max(4, Math.min(256, Math.ceil(requestsPerSecond / 50)));
	}

	/** The fixes a second the plan's riders send (outside a spike). */
	private double fixesPerSecond(ScenarioPlan plan) {
		return plan.riders() * 1000.0 / Math.max(1, this.properties.interval().toMillis());
	}

	private String mode() {
		return this.properties.mode().name().toLowerCase(Locale.ROOT);
	}

	private int workers() {
		int configured = this.properties.workers();
		return (configured > 0) ? configured : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
	}

	/**
	 * One run from start to stop: the wheel, its measurements, and where what happens
	 * goes.
	 */
	private final class Run implements FleetListener {

		private final KafkaPublisher kafka;

		private final FixSink sink;

		private final LoadStats stats;

		private final TimeWheel wheel;

		private final Measurements measurements;

		Run(ScenarioPlan plan, KafkaPublisher kafka, FixSink sink, LoadStats stats, Measurements.Progress progress) {
			this.kafka = kafka;
			this.sink = sink;
			this.stats = stats;
			LoadGeneratorProperties p = LoadEngine.this.properties;
			this.wheel = new TimeWheel(LoadEngine.this.fleet, LoadEngine.this.resizing.readLock(),
					LoadEngine.this.clock, p.interval(), plan, workers(), this);
			this.measurements = new Measurements(stats, this.wheel, LoadEngine.this.fleet, LoadEngine.this.clock,
					p.interval(), p.warmup(), mode(), progress);
		}

		void begin() {
			this.wheel.start(LoadEngine.this.properties.seed());
			this.measurements.start(LoadEngine.this::status);
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

		void end() {
			this.wheel.stop();
			this.measurements.stop();
			// Every fix taken is now acknowledged or counted as failed: sent = on the
			// topic.
			this.sink.flush();
			this.kafka.flush();
			if (this.sink != this.kafka) {
				this.sink.close();
			}
			this.kafka.close();
		}

	}

}
