package dev.ridertrack.tracking.bench;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.tracking.Fixes;
import dev.ridertrack.tracking.LiveClient;
import dev.ridertrack.tracking.TrackingProperties;
import dev.ridertrack.tracking.TrackingServiceApplication;
import dev.ridertrack.tracking.live.LatencyStages;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Prints tracking-service's figures: end-to-end latency (a fix's recordedAt to its
 * arrival in a WebSocket client subscribed to the whole map) at 20,000 and 100,000
 * fixes/s from 100,000 riders, the Redis write rate the consumer sustains, and (with
 * Chromium) the dashboard's fps and bytes/s at 100,000 riders. Runs the real service
 * against the embedded broker and Redis of test-support. Not a test: see docs/tracking.md
 * for how to run it.
 * <p>
 * One piece, over 450 lines: a benchmark program read top to bottom, its set-up, load,
 * sampling and report in the order they run. It ships in no jar; a next split would move
 * the report (CSV and table) into its own class.
 */
public final class TrackingBenchmark {

	static final int RIDERS = Integer.getInteger("riders", 100_000);

	/**
	 * The dashboard's screen in the browser benchmark, and the Java clients' viewports.
	 */
	static final int SCREEN_W = 1440;

	static final int SCREEN_H = 900;

	public static void main(String[] args) throws Exception {
		int[] rates = parse(System.getProperty("rates", "20000,100000"));
		int seconds = Integer.getInteger("seconds", 30);
		String bootstrap = Infrastructure.kafkaBootstrapServers();
		var redis = Infrastructure.redis();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(TrackingServiceApplication.class)
			.profiles("test")
			.run(configLocation(), "--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
					"--spring.data.redis.host=" + redis.getHostString(), "--spring.data.redis.port=" + redis.getPort(),
					"--ridertrack.tracking.live-replay=0s",
					// no db-writer or analytics here: the dashboard's proxies must not
					// reach a
					// stack that happens to run on the default ports
					"--ridertrack.tracking.history-url=http://127.0.0.1:9",
					"--ridertrack.tracking.analytics-url=http://127.0.0.1:9",
					// queued fixes of the Redis phase must not age out while they wait
					"--ridertrack.tracking.silence-timeout=30m", "--logging.level.root=WARN",
					"--logging.level.org.apache.kafka=ERROR");
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		TrackingProperties properties = app.getBean(TrackingProperties.class);
		LatencyStages stages = app.getBean(LatencyStages.class);
		System.out.printf(Locale.ROOT,
				"TrackingBenchmark: %d riders, rates %s fixes/s, %d s each, %d cores, heap %d MB, %s%n", RIDERS,
				System.getProperty("rates", "20000,100000"), seconds, Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
		System.out.printf(Locale.ROOT,
				"tracking-service on port %d (broker %s, redis %s:%d, same JVM as the generator and the clients);"
						+ " tick %d ms; density grid at zoom <= %d or > %,d riders in view, %d px cells%n",
				port, bootstrap, redis.getHostString(), redis.getPort(), properties.tick().toMillis(),
				properties.densityZoom(), properties.densityRiders(), properties.densityCellPx());
		System.out.println("riders: Gaussian around 52.52, 13.405 (sd 0.05 deg lat, 0.08 deg lon), each moving a few"
				+ " metres per fix; viewports are a " + SCREEN_W + "x" + SCREEN_H
				+ " screen at the zoom given, padded 15 % per side as the dashboard asks");
		Histogram latency = new Histogram();
		Histogram delivery = new Histogram();
		double[] centre = { 52.52, 13.405 };
		try (Fixes fixes = new Fixes(bootstrap);
				// riders mode, where each fix's latency can be seen: the centre at zoom
				// 14
				LiveClient client = LiveClient.connect("ws://127.0.0.1:" + port + "/ws/live", "test-operator",
						latency::record);
				// zoomed out on the whole city: a density grid
				LiveClient overview = LiveClient.connect("ws://127.0.0.1:" + port + "/ws/live", "test-operator", null);
				// zoomed in on a neighbourhood: riders
				LiveClient street = LiveClient.connect("ws://127.0.0.1:" + port + "/ws/live", "test-operator", null)) {
			client.sentToReceived = delivery::record;
			subscribe(client, centre, 14);
			subscribe(overview, centre, 11);
			subscribe(street, centre, 16);
			Generator generator = new Generator(fixes);
			for (int rate : rates) {
				generator.run(rate, 10); // warm-up: every rider appears, JIT settles
				latency.reset();
				delivery.reset();
				stages.reset();
				LiveClient[] clients = { client, overview, street };
				long[] bytes0 = new long[3];
				long[] frames0 = new long[3];
				for (int i = 0; i < 3; i++) {
					bytes0[i] = clients[i].bytes;
					frames0[i] = clients[i].frames;
				}
				String loadBefore = loadAverage();
				long gc0 = gcMillis();
				long gcCount0 = gcCount();
				long t0 = System.nanoTime();
				double achieved = generator.run(rate, seconds);
				double secs = (System.nanoTime() - t0) / 1e9;
				System.out.printf(Locale.ROOT,
						"%n== %,d fixes/s offered, %,.0f achieved by the generator (%,d riders, one fix each per %.1f s), %d s"
								+ "%n   load average before %s, after %s%n",
						rate, achieved, RIDERS, RIDERS / Math.max(1.0, achieved), seconds, loadBefore, loadAverage());
				System.out.printf(Locale.ROOT,
						"end-to-end recordedAt -> WebSocket client (zoom 14 viewport, riders mode):"
								+ " p50 %d ms, p99 %d ms, max %d ms over %,d positions%n",
						latency.percentile(0.50), latency.percentile(0.99), latency.max(), latency.count());
				System.out.println("where the time goes (each stage's own p50 / p99; they do not add up exactly):");
				printStage("1a recordedAt -> the producer's send (the record's timestamp)", stages,
						LatencyStages.Stage.SENT);
				printStage("1b send -> read by the live feed (producer linger, broker, fetch, poll)", stages,
						LatencyStages.Stage.CONSUMED);
				printStage("2 read -> in a frame (waiting for the tick, building the frame)", stages,
						LatencyStages.Stage.QUEUED);
				printStage("3 frame socket write, per frame (all sessions)", stages, LatencyStages.Stage.WRITE);
				System.out.printf(Locale.ROOT, "  %-78s p50 %5d ms  p99 %5d ms  (%,d frames)%n",
						"4 frame built -> received by the Java client (network, client)", delivery.percentile(0.5),
						delivery.percentile(0.99), delivery.count());
				System.out.printf(Locale.ROOT, "  GC in this JVM during the phase: %d collections, %d ms%n",
						gcCount() - gcCount0, gcMillis() - gc0);
				System.out.println("bytes per client (1 MB/s budget):");
				String[] names = { "zoom 14, centre (riders)", "zoom 11, whole city (density grid)",
						"zoom 16, neighbourhood (riders)" };
				for (int i = 0; i < 3; i++) {
					LiveClient c = clients[i];
					double bps = (c.bytes - bytes0[i]) / secs;
					String what = (c.lastKind == 2)
							? String.format(Locale.ROOT, "density: %,d riders in view in %,d cells", total(c),
									c.density.size())
							: String.format(Locale.ROOT, "riders: %,d in view", c.visible.size());
					System.out.printf(Locale.ROOT,
							"  %-36s %,10.0f B/s in %4.1f frames/s = %,7.0f B/s per 1,000 fixes/s achieved  [%s]%n",
							names[i], bps, (c.frames - frames0[i]) / secs, bps / Math.max(1, achieved) * 1000, what);
				}
				if (Boolean.getBoolean("browser") && rate == rates[rates.length - 1]) {
					// the browser measures while the generator keeps the same rate
					browser(port, generator, rate);
				}
			}
			if (!Boolean.getBoolean("skipRedis")) {
				redisRate(app, fixes);
			}
		}
		finally {
			app.close();
			System.exit(0);
		}
	}

	private static void printStage(String name, LatencyStages stages, LatencyStages.Stage stage) {
		System.out.printf(Locale.ROOT, "  %-78s p50 %5d ms  p99 %5d ms  (%,d)%n", name, stages.percentile(stage, 0.5),
				stages.percentile(stage, 0.99), stages.count(stage));
	}

	private static int total(LiveClient client) {
		int[] totals = client.densityTotals;
		return (totals != null) ? totals[0] + totals[1] + totals[2] : 0;
	}

	/** What the dashboard would ask for at this zoom on a SCREEN_W x SCREEN_H screen. */
	static void subscribe(LiveClient client, double[] centre, int zoom) {
		double worldPx = 256 * Math.pow(2, zoom);
		double cx = (centre[1] + 180) / 360 * worldPx;
		double sin = Math.sin(Math.toRadians(centre[0]));
		double cy = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldPx;
		double halfW = SCREEN_W * 1.3 / 2;
		double halfH = SCREEN_H * 1.3 / 2;
		double west = (cx - halfW) / worldPx * 360 - 180;
		double east = (cx + halfW) / worldPx * 360 - 180;
		double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (cy - halfH) / worldPx))));
		double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (cy + halfH) / worldPx))));
		client.viewport(south, west, north, east, zoom);
	}

	static String loadAverage() {
		try {
			String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException ex) {
			return "n/a";
		}
	}

	private static long gcMillis() {
		return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	private static long gcCount() {
		return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	/** Stop the consumer, queue a backlog, start it and time the drain. */
	static void redisRate(ConfigurableApplicationContext app, Fixes fixes) throws Exception {
		MessageListenerContainer container = app.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("tracking-locations");
		container.stop();
		int perRider = 10;
		long total = (long) RIDERS * perRider;
		long[] seq = new long[RIDERS];
		Instant now = Instant.now();
		for (int round = 0; round < perRider; round++) {
			for (int i = 0; i < RIDERS; i++) {
				RiderLocation fix = new RiderLocation(id(i), 1_000_000 + (++seq[i]), null, 52.3 + (i % 1000) * 0.0004,
						13.2 + (i / 1000) * 0.0004, 5, 90, 5, now);
				fixes.producer().send(new ProducerRecord<>("rider-locations", fix.riderId(), fix));
			}
		}
		fixes.flush();
		var store = app.getBean(dev.ridertrack.tracking.state.RiderStore.class);
		long before = counter(store);
		container.start();
		// time from the first write (the group join is not part of the write rate) until
		// the group's lag is 0; waits on the listener in this JVM can only be polled
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (counter(store) == before && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(20);
		}
		long t0 = System.nanoTime();
		long backlog;
		// drained when the group's committed offsets reach the end of every partition
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(java.util.Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()))) {
			// the queued fixes, plus whatever the listener had not yet written in earlier
			// phases
			backlog = Math.max(total, lag(admin) + counter(store) - before);
			while (lag(admin) > 0) {
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		long lastChange = System.nanoTime();
		long last = counter(store);
		double secs = (lastChange - t0) / 1e9;
		long scripts = last - before;
		System.out.printf(Locale.ROOT,
				"%n== Redis: drained a backlog of %,d fixes (%,d queued here, %,d left from earlier phases) in %.1f s"
						+ " = %,.0f fixes/s consumed; %,d EVALSHA writes (after coalescing) = %,.0f rider writes/s,"
						+ " each HGET+HSET+EXPIRE+GEOADD+ZADD+LPUSH+LTRIM+EXPIRE%n",
				backlog, total, backlog - total, secs, backlog / secs, scripts, scripts / secs);
		if (new File("/usr/bin/redis-benchmark").canExecute()) {
			// the same server, in the same run: Redis's own ceiling for pipelined simple
			// commands
			Process bench = new ProcessBuilder("redis-benchmark", "-p",
					Integer.toString(Infrastructure.redis().getPort()), "-P", "100", "-q", "-n", "1000000", "-t",
					"set,hset")
				.redirectErrorStream(true)
				.start();
			String out = new String(bench.getInputStream().readAllBytes());
			bench.waitFor();
			for (String line : out.split("[\\r\\n]+")) {
				if (line.contains("requests per second")) {
					System.out.println("redis-benchmark -P 100 (same server, same run): " + line.trim());
				}
			}
		}
		else {
			System.out.println("redis-benchmark not installed (apt-get install -y redis-tools): no ceiling to compare");
		}
	}

	private static long lag(org.apache.kafka.clients.admin.Admin admin) throws Exception {
		var committed = admin.listConsumerGroupOffsets("tracking").partitionsToOffsetAndMetadata().get();
		java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> query = new java.util.HashMap<>();
		for (int p = 0; p < 12; p++) {
			query.put(new org.apache.kafka.common.TopicPartition("rider-locations", p),
					org.apache.kafka.clients.admin.OffsetSpec.latest());
		}
		long lag = 0;
		for (var entry : admin.listOffsets(query).all().get().entrySet()) {
			var offset = committed.get(entry.getKey());
			lag += entry.getValue().offset() - ((offset != null) ? offset.offset() : 0);
		}
		return lag;
	}

	private static long counter(Object store) throws Exception {
		var written = store.getClass().getDeclaredMethod("written");
		var skipped = store.getClass().getDeclaredMethod("skippedOlder");
		written.setAccessible(true);
		skipped.setAccessible(true);
		return (long) written.invoke(store) + (long) skipped.invoke(store);
	}

	/**
	 * tracking-service's own {@code application.yml} and the tests' profile beside it:
	 * the benchmark's classpath holds other services' {@code application.yml} too.
	 */
	private static String configLocation() {
		return "--spring.config.location=" + directory(TrackingServiceApplication.class) + "," + directory(Fixes.class);
	}

	private static String directory(Class<?> type) {
		String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
		return location.endsWith("/") ? location : location + "/";
	}

	static void browser(int port, Generator generator, int rate) throws Exception {
		Path dir = Path.of("tracking-service/src/test/browser").toAbsolutePath();
		if (!new File("/usr/bin/chromium").canExecute()
				|| !dir.resolve("node_modules/playwright-core").toFile().exists()) {
			System.out.println(
					"browser: skipped (needs /usr/bin/chromium and npm ci --prefix tracking-service/src/test/browser)");
			return;
		}
		System.out.println("browser (headless Chromium, " + SCREEN_W + "x" + SCREEN_H
				+ ", fps from requestAnimationFrame, bytes from the page's WebSocket), load average " + loadAverage()
				+ ":");
		Process node = new ProcessBuilder("node", "bench-browser.mjs", "http://127.0.0.1:" + port, "test-operator",
				Path.of("tracking-service/target/screenshots").toAbsolutePath().toString(), Integer.toString(RIDERS))
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		Thread feeder = new Thread(() -> {
			while (node.isAlive()) {
				generator.run(rate, 1);
			}
		});
		feeder.start();
		System.out.println(new String(node.getInputStream().readAllBytes()).trim());
		node.waitFor();
		feeder.join();
	}

	static String id(int i) {
		return String.format("rider-%06d", i);
	}

	static int[] parse(String csv) {
		if (csv.isBlank()) {
			return new int[0];
		}
		String[] parts = csv.split(",");
		int[] out = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			out[i] = Integer.parseInt(parts[i].trim());
		}
		return out;
	}

	/** 100,000 riders moving in a city, each sending in turn, paced to a rate. */
	static final class Generator {

		final Fixes fixes;

		final double[] lat = new double[RIDERS];

		final double[] lon = new double[RIDERS];

		final long[] seq = new long[RIDERS];

		int next;

		Generator(Fixes fixes) {
			this.fixes = fixes;
			java.util.Random random = new java.util.Random(7);
			for (int i = 0; i < RIDERS; i++) {
				this.lat[i] = 52.52 + random.nextGaussian() * 0.05;
				this.lon[i] = 13.405 + random.nextGaussian() * 0.08;
			}
		}

		/** Sends at up to the rate for the duration; returns the rate achieved. */
		double run(int rate, int seconds) {
			long start = System.nanoTime();
			long sent = 0;
			long end = start + TimeUnit.SECONDS.toNanos(seconds);
			// runs for the wall time given: on a busy machine the achieved rate is what
			// it is, and is reported
			while (System.nanoTime() < end) {
				long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
				long batch = Math.min(due - sent, 2000);
				for (long b = 0; b < batch; b++) {
					int i = this.next;
					this.next = (i + 1) % RIDERS;
					this.lat[i] += 0.00003;
					this.lon[i] += 0.00003;
					RiderLocation fix = new RiderLocation(id(i), ++this.seq[i], null, this.lat[i], this.lon[i], 5, 45,
							5, Instant.now());
					this.fixes.producer().send(new ProducerRecord<>("rider-locations", fix.riderId(), fix));
				}
				sent += batch;
				if (batch == 0) {
					java.util.concurrent.locks.LockSupport.parkNanos(500_000);
				}
			}
			return sent / ((System.nanoTime() - start) / 1e9);
		}

	}

	/** Milliseconds, 0 to 60,000. */
	static final class Histogram {

		final AtomicLongArray counts = new AtomicLongArray(60_001);

		final LongAdder total = new LongAdder();

		void record(long ms) {
			this.counts.incrementAndGet((int) Math.max(0, Math.min(60_000, ms)));
			this.total.increment();
		}

		void reset() {
			for (int i = 0; i < this.counts.length(); i++) {
				this.counts.set(i, 0);
			}
			this.total.reset();
		}

		long count() {
			return this.total.sum();
		}

		long percentile(double p) {
			long target = (long) Math.ceil(count() * p);
			long seen = 0;
			for (int i = 0; i < this.counts.length(); i++) {
				seen += this.counts.get(i);
				if (seen >= target && seen > 0) {
					return i;
				}
			}
			return -1;
		}

		long max() {
			for (int i = this.counts.length() - 1; i >= 0; i--) {
				if (this.counts.get(i) > 0) {
					return i;
				}
			}
			return -1;
		}

	}

	private TrackingBenchmark() {
	}

}
