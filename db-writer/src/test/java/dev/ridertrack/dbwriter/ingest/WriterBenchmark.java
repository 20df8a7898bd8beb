package dev.ridertrack.dbwriter.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ridertrack.dbwriter.DbWriterApplication;
import dev.ridertrack.dbwriter.StoredFixes;
import dev.ridertrack.dbwriter.TestTraffic;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.WriteCommandCounter;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.TopicSpec;
import dev.ridertrack.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.BsonDocument;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Measures db-writer against a real broker and mongo-java-server, in one run, and prints
 * a table. Figures are only comparable within one run (the machine is shared); the ratios
 * are the result.
 * <ol>
 * <li>the writer's batched insert rate vs a plain {@code insertMany} loop of the same
 * documents into the same server (memory and H2-file backends);</li>
 * <li>write commands per fix, batched vs naive, at the same live load, and how fast the
 * naive writer falls behind;</li>
 * <li>a producer above what the store takes: lag grows, then the writer catches up when
 * the load drops, nothing lost.</li>
 * </ol>
 * Run: {@code ./mvnw -B -q -pl db-writer -am -Pbenchmark verify -DskipTests}
 */
public final class WriterBenchmark {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private static final int RIDERS = 2000;

	private static final List<String[]> rows = new ArrayList<>();

	private WriterBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int fixes = intArg(args, 0, 150_000);
		Path dataDir = Files.createTempDirectory("writer-benchmark");
		System.out.printf("WriterBenchmark: %d fixes per throughput pass, %d CPUs, %s%n", fixes,
				Runtime.getRuntime().availableProcessors(), Instant.now());

		// the scenarios to run: all, or a comma-separated list of 1,2,3,4
		List<String> only = List.of(((args.length > 1) ? args[1] : "1,2,3,4").split(","));
		if (only.contains("4")) {
			// first: it is the one the store's costs are read from
			for (int riders : new int[] { 2000, 10000 }) {
				for (String layout : new String[] { "plain", "time-ordered", "buckets-1m", "buckets-10m" }) {
					String file = dataDir.resolve("storage-" + layout + "-" + riders + ".mv").toString();
					scenario(() -> storageCost(layout, new H2Backend(file), riders, Duration.ofSeconds(40)));
				}
			}
		}
		if (only.contains("1")) {
			scenario(() -> throughput("memory", new MemoryBackend(), fixes));
			scenario(
					() -> throughput("h2-file", new H2Backend(dataDir.resolve("throughput.mv").toString()), fixes / 3));
		}
		if (only.contains("2")) {
			scenario(() -> writesPerFix(new MemoryBackend()));
		}
		if (only.contains("3")) {
			scenario(() -> overload(new H2Backend(dataDir.resolve("overload.mv").toString())));
		}

		System.out.println();
		System.out.printf("%-58s %18s%n", "measure", "value");
		System.out.println("-".repeat(77));
		for (String[] row : rows) {
			System.out.printf("%-58s %18s%n", row[0], row[1]);
		}
		System.exit(0);
	}

	/** Runs one scenario; a failure is printed and the others still run. */
	private static void scenario(Scenario scenario) {
		try {
			scenario.run();
		}
		catch (Exception ex) {
			System.out.println("SCENARIO FAILED: " + ex);
			rows.add(new String[] { "scenario failed", ex.getClass().getSimpleName() });
		}
	}

	private static void row(String measure, String value) {
		rows.add(new String[] { measure, value });
		System.out.printf("RESULT %-58s %18s%n", measure, value);
	}

	/** 1. The writer's rate from a full topic vs insertMany straight into the server. */
	private static void throughput(String backendName, MongoBackend backend, int fixes) throws Exception {
		try (Infra infra = new Infra(backend)) {
			List<RiderLocation> all = new ArrayList<>(fixes);
			for (int i = 0; i < fixes; i++) {
				all.add(TestTraffic.fix(TestTraffic.riderId("bench", i % RIDERS), i / RIDERS, null, START));
			}
			// Baseline: the same documents, in the writer's batch size, one unordered
			// insertMany each, into the same server.
			MongoCollection<BsonDocument> plain = infra.client.getDatabase("baseline")
				.getCollection("fixes", BsonDocument.class);
			long t0 = System.nanoTime();
			for (int from = 0; from < fixes; from += 5000) {
				List<BsonDocument> batch = new ArrayList<>(5000);
				for (RiderLocation fix : all.subList(from, Math.min(fixes, from + 5000))) {
					batch.add(FixDocuments.toDocument(fix, FixDocuments.TIME_RIDER_SEQ));
				}
				plain.insertMany(batch, new InsertManyOptions().ordered(false));
			}
			double baseline = fixes / seconds(System.nanoTime() - t0);

			try (KafkaProducer<String, RiderLocation> producer = TestTraffic.fixProducer(infra.bootstrap())) {
				all.forEach((fix) -> TestTraffic.send(producer, fix));
				producer.flush();
			}
			try (ConfigurableApplicationContext writer = infra.writer("batched", "batched", Map.of())) {
				double rate = rateUntil(() -> written(writer), fixes);
				row("1. [" + backendName + "] insertMany loop, fixes/s", format(baseline));
				row("1. [" + backendName + "] db-writer from Kafka, fixes/s", format(rate));
				row("1. [" + backendName + "] ratio writer / insertMany loop",
						String.format(Locale.ROOT, "%.2f", rate / baseline));
			}
			// Two consumers in one instance: one deserialises while the other flushes.
			try (ConfigurableApplicationContext writer = infra.writer("batched", "batched-2",
					Map.of("ridertrack.dbwriter.concurrency", "2"))) {
				double rate = rateUntil(() -> written(writer), fixes);
				row("1. [" + backendName + "] db-writer, concurrency 2, fixes/s", format(rate));
				row("1. [" + backendName + "] ratio writer (concurrency 2) / insertMany loop",
						String.format(Locale.ROOT, "%.2f", rate / baseline));
			}
		}
	}

	/** 2. Write commands per fix at the same live load; naive lag growth. */
	private static void writesPerFix(MongoBackend backend) throws Exception {
		int rate = 8000;
		int seconds = 20;
		try (Infra infra = new Infra(backend);
				ConfigurableApplicationContext batched = infra.writer("batched", "live-batched", Map.of());
				ConfigurableApplicationContext naive = infra.writer("naive", "live-naive", Map.of());
				Admin admin = infra.admin()) {
			awaitAssigned(admin, "live-batched", "live-naive");
			long batchedBefore = batched.getBean(WriteCommandCounter.class).total();
			long naiveBefore = naive.getBean(WriteCommandCounter.class).total();
			List<Long> naiveLag = new ArrayList<>();
			List<Long> batchedLag = new ArrayList<>();
			int sent = produceAt(infra, rate, Duration.ofSeconds(seconds), (second) -> {
				naiveLag.add(lag(admin, "live-naive"));
				batchedLag.add(lag(admin, "live-batched"));
			});
			await(() -> written(batched) >= sent, Duration.ofSeconds(60));
			long batchedWrites = batched.getBean(WriteCommandCounter.class).total() - batchedBefore;
			long naiveStored = infra.client.getDatabase("live-naive").getCollection("fixes").countDocuments();
			long naiveWrites = naive.getBean(WriteCommandCounter.class).total() - naiveBefore;
			double batchedPerFix = batchedWrites / (double) sent;
			double naivePerFix = naiveWrites / (double) Math.max(1, naiveStored);
			row("2. live load, fixes/s (for " + seconds + " s)", format(rate));
			row("2. batched: write commands per fix", String.format(Locale.ROOT, "%.5f", batchedPerFix));
			row("2. naive: write commands per fix", String.format(Locale.ROOT, "%.3f", naivePerFix));
			row("2. ratio naive / batched write commands",
					String.format(Locale.ROOT, "%.0f x", naivePerFix / batchedPerFix));
			row("2. batched: max lag during the load, fixes", format(max(batchedLag)));
			row("2. naive: lag after 5/10/15/20 s, fixes", naiveLag.get(4) + "/" + naiveLag.get(9) + "/"
					+ naiveLag.get(14) + "/" + naiveLag.get(naiveLag.size() - 1));
			double growth = (naiveLag.get(naiveLag.size() - 1) - naiveLag.get(4)) / (double) (naiveLag.size() - 5);
			row("2. naive: lag growth, fixes/s", format(growth));
			row("2. naive: stored by the end of the load, fixes", format(naiveStored));
		}
	}

	/** 3. Twice what the store takes, then a trickle: max lag and catch-up time. */
	private static void overload(MongoBackend backend) throws Exception {
		try (Infra infra = new Infra(backend);
				ConfigurableApplicationContext writer = infra.writer("batched", "overload", Map.of());
				Admin admin = infra.admin()) {
			awaitAssigned(admin, "overload");
			// What the store takes: a short warm-up at full speed
			int warm = 20_000;
			int sent = produceAt(infra, 1_000_000, Duration.ofMillis(warm / 100), (s) -> {
			});
			double capacity = rateUntil(() -> written(writer), sent);
			int overRate = (int) Math.min(2 * capacity, 60_000);
			List<Long> lags = new ArrayList<>();
			int burst = produceAt(infra, overRate, Duration.ofSeconds(10), (s) -> lags.add(lag(admin, "overload")));
			long maxLag = Math.max(max(lags), lag(admin, "overload"));
			long dropped = System.nanoTime();
			long[] caughtUp = new long[1];
			int trickle = produceAt(infra, 500, Duration.ofSeconds(30), (s) -> {
				if (caughtUp[0] == 0 && lag(admin, "overload") < 1000) {
					caughtUp[0] = System.nanoTime();
				}
			});
			long total = (long) sent + burst + trickle;
			await(() -> written(writer) >= total, Duration.ofSeconds(180));
			if (caughtUp[0] == 0) {
				await(() -> lag(admin, "overload") < 1000, Duration.ofSeconds(120));
				caughtUp[0] = System.nanoTime();
			}
			row("3. [h2-file] store capacity (writer, full speed), fixes/s", format(capacity));
			row("3. producer for 10 s, fixes/s", format(overRate));
			row("3. max lag, fixes", format(maxLag));
			row("3. catch-up after the load dropped to 500/s, s",
					String.format(Locale.ROOT, "%.1f", seconds(caughtUp[0] - dropped)));
			List<String> stored = StoredFixes.ids(infra.client.getDatabase("overload"), "load");
			row("3. produced / stored / distinct fixes",
					total + " / " + stored.size() + " / " + new HashSet<>(stored).size());
		}
	}

	/**
	 * 4. What the store costs per fix, one document per fix ({@code plain}, and
	 * {@code time-ordered}, the default) against buckets, at a live load shaped like the
	 * stack's: {@code riders} riders, a fix each every 5 s (fix times 5 s apart), the
	 * writer's default batching. CPU is read per thread: mongo-java-server's (its network
	 * threads and the H2 store's writer), and the whole process (broker, producer and
	 * writer included, the same in both).
	 */
	private static void storageCost(String layout, MongoBackend backend, int riders, Duration duration)
			throws Exception {
		int rate = riders / 5;
		String name = "storage-" + layout + "-" + riders;
		String storage = layout.startsWith("buckets") ? "buckets" : layout;
		Map<String, Object> settings = new HashMap<>(Map.of("ridertrack.history.storage", storage));
		if (layout.startsWith("buckets-")) {
			settings.put("ridertrack.history.bucket-window", layout.substring("buckets-".length()));
		}
		try (Infra infra = new Infra(backend);
				ConfigurableApplicationContext writer = infra.writer("batched", name, settings);
				Admin admin = infra.admin()) {
			awaitAssigned(admin, name);
			long[] seqs = new long[riders];
			// warm-up: the JIT, the first buckets
			int warm = produceLive(infra, riders, seqs, rate, Duration.ofSeconds(10));
			await(() -> written(writer) >= warm, Duration.ofSeconds(120));
			long storeBefore = storeCpuNanos();
			long processBefore = processCpuNanos();
			int sent = produceLive(infra, riders, seqs, rate, duration);
			await(() -> written(writer) >= warm + sent, Duration.ofSeconds(300));
			double storePerFix = (storeCpuNanos() - storeBefore) / 1e3 / sent;
			double processPerFix = (processCpuNanos() - processBefore) / 1e3 / sent;
			long documents = infra.client.getDatabase(name).getCollection(switch (storage) {
				case "plain" -> Collections.FIXES;
				case "time-ordered" -> Collections.FIXES_BY_TIME;
				default -> Collections.FIX_BUCKETS;
			}).countDocuments();
			String label = "4. [h2-file] " + riders + " riders, " + rate + " fixes/s, " + layout + ": ";
			row(label + "store CPU per fix, µs", String.format(Locale.ROOT, "%.0f", storePerFix));
			row(label + "process CPU per fix, µs", String.format(Locale.ROOT, "%.0f", processPerFix));
			row(label + "documents", format(documents));
		}
	}

	/** Fixes of {@code riders} riders, each every 5 s, at {@code perSecond}. */
	private static int produceLive(Infra infra, int riders, long[] seqs, int perSecond, Duration duration)
			throws Exception {
		int sent = 0;
		try (KafkaProducer<String, RiderLocation> producer = TestTraffic.fixProducer(infra.bootstrap())) {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
				while (sent < due) {
					int rider = sent % riders;
					long seq = seqs[rider]++;
					TestTraffic.send(producer, new RiderLocation(TestTraffic.riderId("live", rider), seq, null,
							52.5 + seq * 0.0004, 13.4, 8, 0, 5, START.plusSeconds(5 * seq)));
					sent++;
				}
				LockSupport.parkNanos(1_000_000);
			}
			producer.flush();
		}
		return sent;
	}

	/**
	 * CPU of mongo-java-server's threads: its Netty event loops (which run the commands)
	 * and H2's MVStore writer and serialization threads (a thread that ended is not
	 * counted: the process's CPU is the upper bound).
	 */
	private static long storeCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && isStoreThread(info.getThreadName())) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				total += Math.max(0, cpu);
			}
		}
		return total;
	}

	private static boolean isStoreThread(String name) {
		return name.startsWith("mongo-server") || name.startsWith("MVStore") || name.startsWith("H2-");
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Sends at a steady rate, calling {@code everySecond} once a second; returns fixes
	 * sent.
	 */
	private static int produceAt(Infra infra, int perSecond, Duration duration, Tick everySecond) throws Exception {
		int sent = 0;
		try (KafkaProducer<String, RiderLocation> producer = TestTraffic.fixProducer(infra.bootstrap())) {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			long nextTick = start + 1_000_000_000L;
			int second = 0;
			while (System.nanoTime() < end) {
				long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
				while (sent < due) {
					TestTraffic.send(producer, TestTraffic.fix(TestTraffic.riderId("load", sent % RIDERS),
							infra.nextSeq(sent % RIDERS), null, START));
					sent++;
				}
				if (System.nanoTime() >= nextTick) {
					everySecond.tick(second++);
					nextTick += 1_000_000_000L;
				}
				LockSupport.parkNanos(1_000_000);
			}
			producer.flush();
		}
		return sent;
	}

	/**
	 * Fixes the writer has stored, from its own counter: counting documents in MongoDB
	 * while it writes would compete with the writer for the server.
	 */
	private static long written(ConfigurableApplicationContext writer) {
		return (long) writer.getBean(MeterRegistry.class).get("ridertrack.dbwriter.fixes.written").counter().count();
	}

	/** Rate from the first document seen to the {@code target}-th. */
	private static double rateUntil(LongSupplier count, long target) {
		long firstAt = 0;
		long first = 0;
		while (true) {
			long now = count.getAsLong();
			if (firstAt == 0 && now > 0) {
				firstAt = System.nanoTime();
				first = now;
			}
			if (now >= target) {
				return (now - first) / seconds(System.nanoTime() - firstAt);
			}
			LockSupport.parkNanos(20_000_000);
		}
	}

	private static long lag(Admin admin, String group) {
		try {
			return TestTraffic.lag(admin, group, Topics.RIDER_LOCATIONS.name());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitAssigned(Admin admin, String... groups) {
		await(() -> {
			for (String group : groups) {
				var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
				if (description.members()
					.stream()
					.mapToInt((m) -> m.assignment().topicPartitions().size())
					.sum() < 12) {
					return false;
				}
			}
			return true;
		}, Duration.ofSeconds(60));
	}

	private static void await(Check check, Duration timeout) {
		long end = System.nanoTime() + timeout.toNanos();
		try {
			while (!check.ok()) {
				if (System.nanoTime() > end) {
					throw new IllegalStateException("timed out after " + timeout);
				}
				LockSupport.parkNanos(50_000_000);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long max(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).max().orElse(0);
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	private static int intArg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

	interface Scenario {

		void run() throws Exception;

	}

	interface Tick {

		void tick(int second) throws Exception;

	}

	interface Check {

		boolean ok() throws Exception;

	}

	/** A broker, a MongoDB-compatible server on the given backend, and writers. */
	private static final class Infra implements AutoCloseable {

		private final EmbeddedKafkaKraftBroker broker;

		private final MongoServer mongo;

		private final MongoClient client;

		private final String mongoBase;

		private final long[] seqs = new long[RIDERS];

		Infra(MongoBackend backend) throws Exception {
			this.broker = new EmbeddedKafkaKraftBroker(1, 1) {

				// as in Infrastructure: Kafka 4.3's test kit has no clientProperties()
				@Override
				public String getBrokersAsString() {
					return getCluster().bootstrapServers();
				}

			};
			this.broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
			this.broker.afterPropertiesSet();
			try (Admin admin = admin()) {
				List<NewTopic> topics = new ArrayList<>();
				for (TopicSpec<String, ?> spec : Topics.all()) {
					topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config(1)));
				}
				admin.createTopics(topics).all().get();
			}
			this.mongo = new MongoServer(backend);
			this.mongoBase = "mongodb://127.0.0.1:" + this.mongo.bind().getPort() + "/";
			this.client = MongoClients.create(this.mongoBase);
		}

		String bootstrap() {
			return this.broker.getBrokersAsString();
		}

		Admin admin() {
			return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
		}

		long nextSeq(int rider) {
			return this.seqs[rider]++;
		}

		ConfigurableApplicationContext writer(String mode, String name, Map<String, Object> extra) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.port", "0");
			properties.put("spring.kafka.bootstrap-servers", bootstrap());
			properties.put("spring.mongodb.uri", this.mongoBase + name);
			properties.put("spring.kafka.consumer.group-id", name);
			properties.put("ridertrack.dbwriter.mode", mode);
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.root", "WARN");
			properties.put("logging.level.de.bwaldvogel", "ERROR");
			properties.putAll(extra);
			// as command-line arguments: default properties would lose to application.yml
			String[] args = properties.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
			return new SpringApplicationBuilder(DbWriterApplication.class).run(args);
		}

		@Override
		public void close() {
			this.client.close();
			this.mongo.shutdownNow();
			this.broker.destroy();
		}

	}

}
