package dev.ridertrack.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ridertrack.bench.ChildProcesses;
import dev.ridertrack.bench.LocalKafka;
import dev.ridertrack.bench.MarkdownTable;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Topics;
import dev.ridertrack.loadgen.run.Summary;
import dev.ridertrack.platform.CatalogTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

import static dev.ridertrack.bench.ingest.IngestRow.fmt;

/**
 * Ingestion figures, side by side in one run against one real broker: Kafka's own
 * {@code ProducerPerformance} with records like our fixes, the load generator in direct
 * mode (100,000 riders, a fix a second each), in HTTP mode through location-producer
 * (100,000 riders every 5 s), and the generator's heap with 100,000 riders in 512 MiB.
 * Each contender runs as its own process, as it would in production; the broker is the
 * local stack's. Run it with {@code ./ridertrack bench ingest}.
 * <p>
 * One piece, over 450 lines: its scenarios share one broker, one measured JVM and one
 * table, and are read as the one story of a fix's cost on the way in. Its options, rows
 * and simulated fixes are already apart ({@code IngestOptions}, {@code IngestRow},
 * {@code SimulatedFixes}); a next split would be one class per scenario.
 */
public final class IngestBenchmark {

	private static final Pattern PERF = Pattern.compile(
			"(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

	private final IngestOptions options;

	private final ChildProcesses processes;

	private final List<IngestRow> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final Path work;

	private String bootstrap;

	/**
	 * The local stack's broker, when the benchmark started it: its CPU time is read per
	 * run.
	 */
	private LocalKafka kafka;

	/** location-producer, when the benchmark started it: its CPU time is read per run. */
	private ProcessHandle producer;

	private IngestBenchmark(IngestOptions options) throws IOException {
		this.options = options;
		this.work = Files.createTempDirectory("ridertrack-bench");
		this.processes = new ChildProcesses(this.work);
		Runtime.getRuntime().addShutdownHook(new Thread(this.processes::close));
	}

	public static void main(String[] argv) throws Exception {
		// The admin client's INFO lines would bury the figures.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		IngestOptions options = new IngestOptions();
		CommandLine command = new CommandLine(options);
		try {
			command.parseArgs(argv);
		}
		catch (CommandLine.ParameterException ex) {
			System.err.println(ex.getMessage());
			command.usage(System.err);
			System.exit(2);
		}
		if (command.isUsageHelpRequested()) {
			command.usage(System.out);
			return;
		}
		IngestBenchmark bench = new IngestBenchmark(options);
		try {
			bench.run();
		}
		finally {
			bench.processes.close();
		}
		System.exit(0);
	}

	private void run() throws Exception {
		int seconds = this.options.seconds;
		int riders = this.options.riders;
		String machine = machine();
		System.out.println("RiderTrack ingest benchmark, " + Instant.now());
		System.out.println(machine);
		if (this.options.bootstrap != null) {
			this.bootstrap = this.options.bootstrap;
		}
		else {
			this.kafka = LocalKafka.start(this.processes, Path.of("").toAbsolutePath(), this.work.resolve("stack"));
			this.bootstrap = this.kafka.bootstrap();
		}
		createTopics();

		Path payload = this.work.resolve("fixes.jsonl");
		int size = SimulatedFixes.write(payload, 20_000);
		System.out.printf(Locale.ROOT,
				"%nA fix is %d bytes of JSON on average (measured over 20,000 simulated fixes)%n", size);

		double kafkaRate = kafkaOwnRate(payload, size);

		long before = endOffsets(Topics.RIDER_LOCATIONS.name());
		Summary direct = loadGenerator("direct",
				List.of("--riders", "" + riders, "--interval", "1s", "--mode", "kafka", "--warmup",
						this.options.warmup + "s", "--duration", seconds + "s", "--bootstrap", this.bootstrap),
				this.options.jar);
		long onTopic = endOffsets(Topics.RIDER_LOCATIONS.name()) - before;
		double directRate = direct.steadyPerSecond();
		long sent = direct.fixesSent();
		this.rows
			.add(IngestRow.of("direct mode: " + fmt(riders) + " riders, fix every 1 s, " + seconds + " s", direct,
					String.format(Locale.ROOT, "%.2f of Kafka's own", directRate / kafkaRate),
					"sent " + fmt(sent) + ", on topic " + fmt(onTopic)
							+ ((sent == onTopic) ? " (equal)" : " (DIFFERENT)")
							+ String.format(Locale.ROOT, "; generator CPU %.1f µs per fix",
									direct.cpuSeconds() * 1e6 / Math.max(1, sent))
							+ "; load average " + loadAverage()));
		this.rows.add(IngestRow.note("memory: " + fmt(riders) + " riders, -Xmx512m (direct run)",
				"heap used after GC " + fmt(direct.heapUsedMiB()) + " MiB of " + fmt(direct.heapMaxMiB()) + " MiB"));

		String producerUrl = producerUrl();
		if (producerUrl != null) {
			if (this.options.warmup > 0) {
				// location-producer's JIT compiles its request path in the first minute;
				// measured cold, the first row's CPU figures would pay for it
				System.out.println("\n== warm-up of location-producer, " + this.options.warmup + " s (not reported)");
				http(this.options.warmup, producerUrl, 5, 0, this.options.jar);
			}
			// The seed scenario as phones really send: each app uploads every 5th fix
			// (to save battery and radio time), so 100,000 riders every 5 s are 4,000
			// requests of 5 fixes a second. Then the worst case: every fix on its own.
			httpRow(directRate, producerUrl, this.options.uploadEvery, this.options.jar, "");
			httpRow(directRate, producerUrl, 1, this.options.jar, "");
			if (this.options.compareJar != null) {
				// another build of the generator (the one before a change), right after
				// the current one on the same broker and location-producer
				httpRow(directRate, producerUrl, 1, this.options.compareJar,
						" (" + this.options.compareJar.getFileName() + ")");
			}
		}
		if (!this.options.noStub) {
			stubCeiling(directRate);
		}
		if (producerUrl == null) {
			this.notes.add("http mode skipped: no location-producer jar at " + this.options.producerJar
					+ " and no --producer-url");
		}
		System.out.println("\n" + machine);
		new MarkdownTable<>(IngestRow.HEADER, this.rows).print();
		this.notes.forEach((n) -> System.out.println("Note: " + n));
		System.out.println("Logs of every process: " + this.work);
	}

	private Summary http(int seconds, String producerUrl, int uploadEvery, int warmupSeconds, Path jar)
			throws Exception {
		return loadGenerator("http",
				List.of("--riders", "" + this.options.riders, "--interval", "5s", "--mode", "http", "--warmup",
						warmupSeconds + "s", "--duration", seconds + "s", "--bootstrap", this.bootstrap,
						"--producer-url", producerUrl, "--token-secret", this.options.tokenSecret, "--upload-every",
						"" + uploadEvery),
				jar);
	}

	private void httpRow(double directRate, String producerUrl, int uploadEvery, Path jar, String label)
			throws Exception {
		Optional<Duration> cpuBefore = cpu(this.producer);
		Optional<Duration> brokerBefore = brokerCpu();
		Summary http = http(this.options.seconds, producerUrl, uploadEvery, this.options.warmup, jar);
		Optional<Duration> cpuAfter = cpu(this.producer);
		Optional<Duration> brokerAfter = brokerCpu();
		double httpRate = http.steadyPerSecond();
		double requests = http.httpRequests();
		boolean met = httpRate >= 0.98 * http.targetPerSecond() && http.latencyP99Ms() < 200;
		String cpu = "";
		if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
			double micros = cpuAfter.get().minus(cpuBefore.get()).toNanos() / 1000.0 / Math.max(1, requests);
			cpu = String.format(Locale.ROOT, "; location-producer CPU %.0f µs per request, %.1f µs per fix", micros,
					micros * requests / Math.max(1, http.fixesSent()));
			if (brokerBefore.isPresent() && brokerAfter.isPresent()) {
				// what one request costs the machine, all three processes together, and
				// how many cores the target rate would take at that cost
				double brokerMicros = brokerAfter.get().minus(brokerBefore.get()).toNanos() / 1000.0
						/ Math.max(1, requests);
				double all = micros + brokerMicros + generatorMicros(http);
				cpu += String.format(Locale.ROOT,
						", broker %.0f µs; all three %.0f µs per request = %.1f cores at %s requests/s", brokerMicros,
						all, all * http.targetPerSecond() / uploadEvery / 1e6,
						fmt(http.targetPerSecond() / uploadEvery));
			}
		}
		this.rows.add(
				IngestRow.of(
						"http mode via location-producer: " + fmt(this.options.riders) + " riders, every 5 s, "
								+ ((uploadEvery == 1) ? "each fix uploaded at once"
										: "uploaded " + uploadEvery + " at a time (`--upload-every " + uploadEvery
												+ "`)")
								+ ", " + this.options.seconds + " s" + label,
						http, String.format(Locale.ROOT, "%.3f of direct", httpRate / directRate),
						fmt(requests) + " requests; target (" + fmt(http.targetPerSecond()) + "/s, p99 < 200 ms): "
								+ (met ? "met" : "missed") + cpu + generatorCpu(http) + "; load average "
								+ loadAverage()));
	}

	/**
	 * The generator's own CPU per request, over its whole run (warm-up and JIT included).
	 */
	private static String generatorCpu(Summary summary) {
		return String.format(Locale.ROOT, "; generator CPU %.1f µs per request", generatorMicros(summary));
	}

	private static double generatorMicros(Summary summary) {
		return summary.cpuSeconds() * 1e6 / Math.max(1, summary.httpRequests());
	}

	private Optional<Duration> brokerCpu() {
		return (this.kafka != null) ? this.kafka.cpu() : Optional.empty();
	}

	/** A process's CPU time so far (user + system), if the benchmark runs it. */
	private static Optional<Duration> cpu(ProcessHandle process) {
		return (process != null) ? process.info().totalCpuDuration() : Optional.empty();
	}

	private static String loadAverage() {
		return String.format(Locale.ROOT, "%.1f",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * The HTTP client's own ceiling: the same http-mode run against an endpoint that
	 * accepts every request at once (checking nothing, writing nothing), so the figures
	 * show how much of the http-mode cost is location-producer's.
	 */
	private void stubCeiling(double directRate) throws Exception {
		com.sun.net.httpserver.HttpServer stub = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress("127.0.0.1", 0), 1024);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		stub.createContext("/api/v1/locations", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		stub.setExecutor(pool);
		stub.start();
		List<Path> jars = new ArrayList<>(List.of(this.options.jar));
		if (this.options.compareJar != null) {
			jars.add(this.options.compareJar);
		}
		try {
			for (Path jar : jars) {
				Summary http = loadGenerator("stub",
						List.of("--riders", "" + this.options.riders, "--interval", "5s", "--mode", "http", "--warmup",
								this.options.warmup + "s", "--duration", this.options.seconds + "s", "--bootstrap",
								this.bootstrap, "--producer-url", "http://127.0.0.1:" + stub.getAddress().getPort(),
								"--token-secret", this.options.tokenSecret),
						jar);
				String label = (jars.indexOf(jar) == 0) ? "" : " (" + jar.getFileName() + ")";
				this.rows.add(IngestRow.of(
						"http mode against a no-op stub (client ceiling): " + fmt(this.options.riders)
								+ " riders, every 5 s" + label,
						http, String.format(Locale.ROOT, "%.3f of direct", http.steadyPerSecond() / directRate),
						"HTTP/1.1 keep-alive; stub (JDK HttpServer, 4 threads) in the benchmark JVM"
								+ generatorCpu(http) + "; load average " + loadAverage()));
			}
		}
		finally {
			stub.stop(0);
			pool.shutdownNow();
		}
	}

	private double kafkaOwnRate(Path payload, int size) throws Exception {
		String records = Long.toString(this.options.perfRecords);
		List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xmx512m", "-cp", toolsClasspath(),
				"org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-perf", "--num-records", records,
				"--throughput", "-1", "--payload-file", payload.toString(), "--producer-props",
				"bootstrap.servers=" + this.bootstrap, "acks=all", "enable.idempotence=true", "compression.type=lz4",
				"batch.size=262144", "linger.ms=20", "buffer.memory=67108864"));
		System.out.println("\n== Kafka's own ProducerPerformance, " + records + " records of our fixes' JSON");
		AtomicReference<String> last = new AtomicReference<>();
		Process process = this.processes.start(command, "perf", (line) -> {
			if (PERF.matcher(line).find()) {
				last.set(line);
			}
		}, IngestBenchmark::echoed);
		process.waitFor();
		Matcher m = (last.get() != null) ? PERF.matcher(last.get()) : null;
		if (m == null || !m.find()) {
			throw new IllegalStateException("ProducerPerformance printed no result");
		}
		double rate = Double.parseDouble(m.group(2));
		this.rows.add(new IngestRow("Kafka ProducerPerformance: " + fmt(Double.parseDouble(m.group(1))) + " records",
				"max", fmt(rate), "-", m.group(6), m.group(8), "1.00", size + " B JSON fixes, " + m.group(3)
						+ " MB/s, acks=all, lz4, no keys; load average " + loadAverage()));
		return rate;
	}

	/** Kafka's tools: the broker's own classpath, or Kafka's jars of the local stack. */
	private String toolsClasspath() {
		if (this.kafka != null) {
			return this.kafka.toolsClasspath();
		}
		Path target = Path.of("local-stack/target").toAbsolutePath();
		return target.resolve("kafka-lib") + "/*:" + target.resolve("lib") + "/*";
	}

	private Summary loadGenerator(String name, List<String> flags, Path jar) throws Exception {
		List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xmx512m", "-jar", jar.toString()));
		command.addAll(flags);
		System.out.println("\n== load-generator " + String.join(" ", flags));
		AtomicReference<String> summary = new AtomicReference<>();
		Process process = this.processes.start(command, name, (line) -> {
			if (line.startsWith("SUMMARY ")) {
				summary.set(line.substring(8));
			}
		}, IngestBenchmark::echoed);
		process.waitFor();
		if (summary.get() == null) {
			throw new IllegalStateException("load-generator (" + name + ") printed no summary");
		}
		return EventJson.mapper().readValue(summary.get(), Summary.class);
	}

	private static boolean echoed(String line) {
		return line.contains("fixes/s") || line.contains("records sent") || line.contains(" ERROR ")
				|| line.startsWith("load-generator summary") || line.startsWith("  ");
	}

	private String producerUrl() throws Exception {
		if (this.options.producerUrl != null) {
			return this.options.producerUrl;
		}
		Path jar = this.options.producerJar;
		if (!Files.isRegularFile(jar)) {
			return null;
		}
		int port = freePort();
		System.out.println("\n== location-producer on port " + port);
		this.producer = this.processes.start(List.of(ChildProcesses.java(), "-Xmx512m", "-jar", jar.toString(),
				"--server.port=" + port, "--spring.kafka.bootstrap-servers=" + this.bootstrap,
				"--ridertrack.security.token-secret=" + this.options.tokenSecret), "producer", (line) -> {
				}, IngestBenchmark::echoed)
			.toHandle();
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return "http://127.0.0.1:" + port;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			// another process: polling its port is the only signal there is
			Thread.sleep(500);
		}
		throw new IllegalStateException("location-producer did not become healthy in 120 s");
	}

	private void createTopics() throws Exception {
		try (Admin admin = admin(this.bootstrap)) {
			List<NewTopic> topics = new ArrayList<>(CatalogTopics.newTopics((short) 1, 1));
			topics.add(new NewTopic("bench-perf", Topics.RIDER_LOCATIONS.partitions(), (short) 1));
			java.util.Set<String> existing = admin.listTopics().names().get();
			topics.removeIf((t) -> existing.contains(t.name()));
			if (!topics.isEmpty()) {
				admin.createTopics(topics).all().get();
			}
		}
	}

	private long endOffsets(String topic) throws Exception {
		try (Admin admin = admin(this.bootstrap)) {
			Map<TopicPartition, OffsetSpec> request = IntStream.range(0, Topics.RIDER_LOCATIONS.partitions())
				.boxed()
				.collect(Collectors.toMap((p) -> new TopicPartition(topic, p), (p) -> OffsetSpec.latest()));
			return admin.listOffsets(request).all().get().values().stream().mapToLong((i) -> i.offset()).sum();
		}
	}

	private static String machine() {
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Paths.get("/proc/cpuinfo"))
				.stream()
				.filter((l) -> l.startsWith("model name"))
				.findFirst()
				.map((l) -> l.substring(l.indexOf(':') + 1).trim())
				.orElse(cpu);
		}
		catch (IOException | UncheckedIOException ex) {
			// not Linux
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		return String.format(Locale.ROOT,
				"Machine: %s, %d cores, %.1f GiB RAM, Java %s, load average %.2f at start (shared with other work)",
				cpu, Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
				System.getProperty("java.version"), os.getSystemLoadAverage());
	}

	private static Admin admin(String bootstrap) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
		return Admin.create(config);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
