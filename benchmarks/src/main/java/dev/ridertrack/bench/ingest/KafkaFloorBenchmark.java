package dev.ridertrack.bench.ingest;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.ridertrack.bench.ProcessCpu;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.loadgen.run.GeneratorProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;

/**
 * The floor under RiderTrack's CPU per fix: what Kafka's own clients and the broker spend
 * to move the same fixes through the same fan-out, with no application work at all. A
 * producer with the load generator's own settings ({@link GeneratorProducer}) writes the
 * simulation's fixes ({@link SimulatedFixes}), keyed by rider, to a fresh topic with
 * {@code rider-locations}' partitions and replication, at a fixed rate, and one plain
 * consumer per group reads them (bytes, not parsed; offsets committed every second, as
 * the services do). CPU is this JVM's (every client) and the brokers' (from
 * {@code /proc}, their pids from the local stack's control API), per record, over the
 * measured window.
 * <p>
 * Run it against a stack with no riders, so that the brokers do nothing else:
 * {@code ./ridertrack up --riders 0}, then {@code ./ridertrack bench floor --bootstrap
 * localhost:9092 --stack http://localhost:8090 --rate 20000} ({@code --compression none}
 * for what the load generator's lz4 costs the producer, the brokers and the consumers on
 * loopback). Not a test: it is run by hand, and what it prints goes beside
 * {@code bench/platform-load.py}'s CPU per fix.
 */
public final class KafkaFloorBenchmark {

	private static final String TOPIC = "bench-floor";

	/** Distinct fixes the producer cycles through. */
	private static final int VALUES = 10_000;

	private KafkaFloorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
		String stack = options.getOrDefault("stack", "http://localhost:8090");
		int rate = Integer.parseInt(options.getOrDefault("rate", "20000"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
		int groups = Integer.parseInt(options.getOrDefault("groups", "4"));
		int riders = Integer.parseInt(options.getOrDefault("riders", "100000"));
		// the load generator's (lz4), or another to see what compression costs on
		// loopback
		String compression = options.getOrDefault("compression", "lz4");
		Map<String, Long> brokers = brokerPids(stack);
		if (brokers.isEmpty()) {
			throw new IllegalStateException("no kafka-N process in " + stack + "/api/stack: start the local stack "
					+ "(./ridertrack up --riders 0) and pass its control API with --stack");
		}
		int[] layout = createTopic(bootstrap);
		System.out.printf(Locale.ROOT,
				"Kafka's floor: %d records/s keyed by %,d riders to %s (%d partitions, replication %d, %s), "
						+ "%d groups, %d s warm-up + %d s measured; brokers %s%n",
				rate, riders, TOPIC, layout[0], layout[1], compression, groups, warmup, seconds, brokers.keySet());
		AtomicBoolean running = new AtomicBoolean(true);
		List<AtomicLong> read = new ArrayList<>();
		List<Thread> consumers = new ArrayList<>();
		for (int g = 0; g < groups; g++) {
			AtomicLong count = new AtomicLong();
			read.add(count);
			Thread consumer = new Thread(() -> consume(bootstrap, count, running), TOPIC + "-group-" + g);
			consumer.start();
			consumers.add(consumer);
		}
		AtomicLong acked = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		Thread producer = new Thread(() -> produce(bootstrap, compression, rate, riders, acked, failed, running),
				TOPIC + "-producer");
		producer.start();
		try {
			pause(Duration.ofSeconds(warmup));
			Sample before = sample(brokers, acked, read);
			if (before.acked() == 0) {
				throw new IllegalStateException(
						"nothing was acknowledged in the warm-up (see the producer's error above)");
			}
			for (int s = 10; s <= seconds; s += 10) {
				pause(Duration.ofSeconds(10));
				Sample now = sample(brokers, acked, read);
				System.out.printf(Locale.ROOT, "  %3d s: %,d records/s acknowledged, read per group %s%n", s,
						(now.acked() - before.acked()) / s, now.perGroupBehind());
			}
			pause(Duration.ofSeconds(seconds % 10));
			Sample after = sample(brokers, acked, read);
			report(before, after, groups, failed.get());
		}
		finally {
			running.set(false);
			producer.join();
			for (Thread consumer : consumers) {
				consumer.join();
			}
			try (Admin admin = admin(bootstrap)) {
				admin.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static void report(Sample before, Sample after, int groups, long failed) {
		double elapsed = (after.nanos() - before.nanos()) / 1e9;
		long records = after.acked() - before.acked();
		double clients = after.clientCpu() - before.clientCpu();
		double brokers = after.brokerCpu() - before.brokerCpu();
		System.out.println();
		System.out.printf(Locale.ROOT,
				"produced %,d records in %.1f s = %,.0f records/s (failed %d); each of %d groups read them: %s%n",
				records, elapsed, records / elapsed, failed, groups, after.perGroupBehind());
		System.out.printf(Locale.ROOT,
				"CPU per record:  clients %.1f µs (the producer and %d consumers, this JVM), "
						+ "brokers %.1f µs, total %.1f µs%n",
				1e6 * clients / records, groups, 1e6 * brokers / records, 1e6 * (clients + brokers) / records);
		System.out.printf(Locale.ROOT, "%% of one core:   clients %.1f %%, brokers %.1f %%, total %.1f %%%n",
				100 * clients / elapsed, 100 * brokers / elapsed, 100 * (clients + brokers) / elapsed);
	}

	private static void produce(String bootstrap, String compression, int rate, int riders, AtomicLong acked,
			AtomicLong failed, AtomicBoolean running) {
		Map<String, Object> config = new HashMap<>(GeneratorProducer.config(bootstrap, rate));
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
		byte[][] keys = new byte[riders][];
		for (int i = 0; i < riders; i++) {
			keys[i] = String.format(Locale.ROOT, "rider-%06d", i).getBytes(StandardCharsets.UTF_8);
		}
		// the simulation's own fixes as JSON, made up front: the floor is
		// Kafka's cost, not the simulation's or JSON's
		byte[][] values = SimulatedFixes.json(VALUES)
			.stream()
			.map((json) -> json.getBytes(StandardCharsets.UTF_8))
			.toArray(byte[][]::new);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			long start = System.nanoTime();
			long sent = 0;
			int rider = 0;
			while (running.get()) {
				long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
				for (; sent < due; sent++) {
					producer.send(new ProducerRecord<>(TOPIC, keys[rider], values[(int) (sent % values.length)]),
							(metadata, ex) -> ((ex == null) ? acked : failed).incrementAndGet());
					rider = (rider + 1 == riders) ? 0 : rider + 1;
				}
				// the generator's pace: a tick every 10 ms
				LockSupport.parkNanos(10_000_000L);
			}
		}
	}

	private static void consume(String bootstrap, AtomicLong count, AtomicBoolean running) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, Thread.currentThread().getName());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
		config.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			while (running.get()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				count.addAndGet(records.count());
			}
		}
	}

	private static int[] createTopic(String bootstrap) throws Exception {
		try (Admin admin = admin(bootstrap)) {
			TopicDescription fixes = admin.describeTopics(Set.of("rider-locations"))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get("rider-locations");
			int partitions = fixes.partitions().size();
			short replication = (short) fixes.partitions().get(0).replicas().size();
			try {
				admin.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
			NewTopic topic = new NewTopic(TOPIC, partitions, replication)
				.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, (replication > 1) ? "2" : "1"));
			// a deletion takes a moment to finish: retry the creation until it is
			// accepted
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (true) {
				try {
					admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
					return new int[] { partitions, replication };
				}
				catch (java.util.concurrent.ExecutionException ex) {
					if (System.nanoTime() > deadline) {
						throw ex;
					}
					pause(Duration.ofMillis(500));
				}
			}
		}
	}

	private static Admin admin(String bootstrap) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
	}

	private static Map<String, Long> brokerPids(String stack) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack + "/api/stack")).build(),
					HttpResponse.BodyHandlers.ofString());
		Map<String, Long> pids = new TreeMap<>();
		for (JsonNode process : EventJson.mapper().readTree(response.body()).path("processes")) {
			if (process.path("kind").asString().equals("broker")
					&& process.path("state").asString().equals("running")) {
				pids.put(process.path("name").asString(), process.path("pid").asLong());
			}
		}
		return pids;
	}

	private static Sample sample(Map<String, Long> brokers, AtomicLong acked, List<AtomicLong> read) throws Exception {
		double brokerCpu = 0;
		for (long pid : brokers.values()) {
			brokerCpu += ProcessCpu.seconds(pid);
		}
		double clientCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
		long produced = acked.get();
		List<String> behind = new ArrayList<>();
		for (AtomicLong group : read) {
			behind.add(String.format(Locale.ROOT, "%,d behind", Math.max(0, produced - group.get())));
		}
		return new Sample(System.nanoTime(), produced, clientCpu, brokerCpu, String.join(", ", behind));
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	/**
	 * Waits out a stretch of the run (warm-up, a 10 s report, a retry): the benchmark
	 * measures over wall-clock windows, so there is no condition to wait for.
	 */
	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	/** What is counted at one moment: the clients' and brokers' CPU seconds, records. */
	private record Sample(long nanos, long acked, double clientCpu, double brokerCpu, String perGroupBehind) {
	}

}
