package dev.ridertrack.loadgen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Bbox;
import dev.ridertrack.loadgen.city.City;
import dev.ridertrack.loadgen.city.DeliveredOrder;
import dev.ridertrack.loadgen.city.Fleet;
import dev.ridertrack.loadgen.city.FleetListener;
import dev.ridertrack.platform.CatalogTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * Ingestion figures, side by side in one run against one real broker: Kafka's own
 * {@code ProducerPerformance} with records like our fixes, the load generator in direct
 * mode (100,000 riders, a fix a second each), in HTTP mode through location-producer
 * (100,000 riders every 5 s), and the generator's heap with 100,000 riders in 512 MiB.
 * Each contender runs as its own process, as it would in production. Run it with
 * {@code bench/ingest.sh}.
 */
public final class IngestBenchmark {

	private static final Pattern PERF = Pattern.compile(
			"(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

	private static final String SECRET = "bench-only-token-secret-0123456789";

	private final Map<String, String> args;

	private final List<Process> processes = new ArrayList<>();

	private final List<String[]> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final Path work;

	private String bootstrap;

	private int warmup;

	/** location-producer, when the benchmark started it: its CPU time is read per run. */
	private ProcessHandle producer;

	/** The Kafka broker, when the benchmark started it: its CPU time is read per run. */
	private ProcessHandle broker;

	private IngestBenchmark(Map<String, String> args) throws IOException {
		this.args = args;
		this.work = Files.createTempDirectory("ridertrack-bench");
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
	}

	public static void main(String[] argv) throws Exception {
		// The admin client's INFO lines would bury the figures.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Map<String, String> args = new HashMap<>();
		for (int i = 0; i < argv.length; i++) {
			if (argv[i].startsWith("--") && i + 1 < argv.length) {
				args.put(argv[i].substring(2), argv[++i]);
			}
		}
		IngestBenchmark bench = new IngestBenchmark(args);
		try {
			bench.run();
		}
		finally {
			bench.stopAll();
		}
		System.exit(0);
	}

	private void run() throws Exception {
		int seconds = Integer.parseInt(this.args.getOrDefault("seconds", "60"));
		int riders = Integer.parseInt(this.args.getOrDefault("riders", "100000"));
		// every run starts with this long unmeasured: JIT compilation, connections,
		// producer batches filling; then `seconds` measured
		this.warmup = Integer.parseInt(this.args.getOrDefault("warmup", "25"));
		String machine = machine();
		System.out.println("RiderTrack ingest benchmark, " + Instant.now());
		System.out.println(machine);
		this.bootstrap = this.args.containsKey("bootstrap") ? this.args.get("bootstrap") : startBroker();
		createTopics();

		Path payload = this.work.resolve("fixes.jsonl");
		int size = writePayload(payload, 20_000);
		System.out.printf(Locale.ROOT,
				"%nA fix is %d bytes of JSON on average (measured over 20,000 simulated fixes)%n", size);

		double kafkaRate = kafkaOwnRate(payload, size);

		long before = endOffsets(Topics.RIDER_LOCATIONS.name());
		Map<String, Object> direct = loadGenerator("direct",
				List.of("--riders", "" + riders, "--interval", "1s", "--mode", "kafka", "--warmup", this.warmup + "s",
						"--duration", seconds + "s", "--bootstrap", this.bootstrap));
		long onTopic = endOffsets(Topics.RIDER_LOCATIONS.name()) - before;
		double directRate = number(direct, "steadyPerSecond");
		long sent = (long) number(direct, "fixesSent");
		this.rows.add(new String[] { "direct mode: " + fmt(riders) + " riders, fix every 1 s, " + seconds + " s",
				fmt(number(direct, "targetPerSecond")),
				fmt(directRate) + " (whole run incl. warm-up " + fmt(number(direct, "achievedPerSecond")) + ")",
				fmt(number(direct, "fixesFailed")), ms(number(direct, "latencyP50Ms")),
				ms(number(direct, "latencyP99Ms")),
				String.format(Locale.ROOT, "%.2f of Kafka's own", directRate / kafkaRate),
				"sent " + fmt(sent) + ", on topic " + fmt(onTopic) + ((sent == onTopic) ? " (equal)" : " (DIFFERENT)")
						+ String.format(Locale.ROOT, "; generator CPU %.1f µs per fix",
								number(direct, "cpuSeconds") * 1e6 / Math.max(1, sent))
						+ "; load average " + loadAverage() });
		this.rows.add(new String[] { "memory: " + fmt(riders) + " riders, -Xmx512m (direct run)", "", "", "", "", "",
				"", "heap used after GC " + fmt(number(direct, "heapUsedMiB")) + " MiB of "
						+ fmt(number(direct, "heapMaxMiB")) + " MiB" });

		String producerUrl = producerUrl();
		if (producerUrl != null) {
			if (this.warmup > 0) {
				// location-producer's JIT compiles its request path in the first minute;
				// measured cold, the first row's CPU figures would pay for it
				System.out.println("\n== warm-up of location-producer, " + this.warmup + " s (not reported)");
				http(riders, this.warmup, producerUrl, 5, 0);
			}
			// The seed scenario as phones really send: each app uploads every 5th fix
			// (to save battery and radio time), so 100,000 riders every 5 s are 4,000
			// requests of 5 fixes a second. Then the worst case: every fix on its own.
			httpRow(riders, seconds, directRate, producerUrl,
					Integer.parseInt(this.args.getOrDefault("upload-every", "5")));
			httpRow(riders, seconds, directRate, producerUrl, 1);
			if (this.args.containsKey("compare-jar")) {
				// another build of the generator (the one before a change), right after
				// the current one on the same broker and location-producer
				httpRow(riders, seconds, directRate, producerUrl, 1, this.args.get("compare-jar"),
						" (" + Paths.get(this.args.get("compare-jar")).getFileName() + ")");
			}
		}
		if (!this.args.containsKey("no-stub")) {
			stubCeiling(riders, seconds, directRate);
		}
		if (producerUrl == null) {
			this.notes.add("http mode skipped: no location-producer jar at "
					+ this.args.getOrDefault("producer-jar", "location-producer/target/location-producer.jar")
					+ " and no --producer-url");
		}
		print(machine);
	}

	private Map<String, Object> http(int riders, int seconds, String producerUrl, int uploadEvery, int warmupSeconds)
			throws Exception {
		return http(riders, seconds, producerUrl, uploadEvery, warmupSeconds, generatorJar());
	}

	private Map<String, Object> http(int riders, int seconds, String producerUrl, int uploadEvery, int warmupSeconds,
			String jar) throws Exception {
		return loadGenerator("http",
				List.of("--riders", "" + riders, "--interval", "5s", "--mode", "http", "--warmup", warmupSeconds + "s",
						"--duration", seconds + "s", "--bootstrap", this.bootstrap, "--producer-url", producerUrl,
						"--token-secret", this.args.getOrDefault("token-secret", SECRET), "--upload-every",
						"" + uploadEvery),
				jar);
	}

	private void httpRow(int riders, int seconds, double directRate, String producerUrl, int uploadEvery)
			throws Exception {
		httpRow(riders, seconds, directRate, producerUrl, uploadEvery, generatorJar(), "");
	}

	private void httpRow(int riders, int seconds, double directRate, String producerUrl, int uploadEvery, String jar,
			String label) throws Exception {
		Duration cpuBefore = cpu(this.producer);
		Duration brokerBefore = cpu(this.broker);
		Map<String, Object> http = http(riders, seconds, producerUrl, uploadEvery, this.warmup, jar);
		Duration cpuAfter = cpu(this.producer);
		Duration brokerAfter = cpu(this.broker);
		double httpRate = number(http, "steadyPerSecond");
		double requests = number(http, "httpRequests");
		boolean met = httpRate >= 0.98 * number(http, "targetPerSecond") && number(http, "latencyP99Ms") < 200;
		String cpu = "";
		if (cpuBefore != null && cpuAfter != null) {
			double micros = cpuAfter.minus(cpuBefore).toNanos() / 1000.0 / Math.max(1, requests);
			cpu = String.format(Locale.ROOT, "; location-producer CPU %.0f µs per request, %.1f µs per fix", micros,
					micros * requests / Math.max(1, number(http, "fixesSent")));
			if (brokerBefore != null && brokerAfter != null) {
				// what one request costs the machine, all three processes together, and
				// how many cores the target rate would take at that cost
				double brokerMicros = brokerAfter.minus(brokerBefore).toNanos() / 1000.0 / Math.max(1, requests);
				double all = micros + brokerMicros + generatorMicros(http);
				cpu += String.format(Locale.ROOT,
						", broker %.0f µs; all three %.0f µs per request = %.1f cores at %s requests/s", brokerMicros,
						all, all * number(http, "targetPerSecond") / uploadEvery / 1e6,
						fmt(number(http, "targetPerSecond") / uploadEvery));
			}
		}
		this.rows.add(
				new String[] {
						"http mode via location-producer: " + fmt(riders) + " riders, every 5 s, "
								+ ((uploadEvery == 1) ? "each fix uploaded at once"
										: "uploaded " + uploadEvery + " at a time (`--upload-every " + uploadEvery
												+ "`)")
								+ ", " + seconds + " s" + label,
						fmt(number(http, "targetPerSecond")),
						fmt(httpRate) + " (whole run incl. warm-up " + fmt(number(http, "achievedPerSecond")) + ")",
						fmt(number(http, "fixesFailed")), ms(number(http, "latencyP50Ms")),
						ms(number(http, "latencyP99Ms")),
						String.format(Locale.ROOT, "%.3f of direct", httpRate / directRate),
						fmt(requests) + " requests; target (" + fmt(number(http, "targetPerSecond"))
								+ "/s, p99 < 200 ms): " + (met ? "met" : "missed") + cpu + generatorCpu(http)
								+ "; load average " + loadAverage() });
	}

	/**
	 * The generator's own CPU per request, over its whole run (warm-up and JIT included).
	 */
	private static String generatorCpu(Map<String, Object> summary) {
		return String.format(Locale.ROOT, "; generator CPU %.1f µs per request", generatorMicros(summary));
	}

	private static double generatorMicros(Map<String, Object> summary) {
		return number(summary, "cpuSeconds") * 1e6 / Math.max(1, number(summary, "httpRequests"));
	}

	/** The load-generator build under test ({@code --jar}). */
	private String generatorJar() {
		return this.args.getOrDefault("jar", "load-generator/target/load-generator.jar");
	}

	/** A process's CPU time so far (user + system), if the benchmark runs it. */
	private static Duration cpu(ProcessHandle process) {
		return (process != null) ? process.info().totalCpuDuration().orElse(null) : null;
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
	private void stubCeiling(int riders, int seconds, double directRate) throws Exception {
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
		List<String> jars = new ArrayList<>(List.of(generatorJar()));
		if (this.args.containsKey("compare-jar")) {
			jars.add(this.args.get("compare-jar"));
		}
		try {
			for (String jar : jars) {
				Map<String, Object> http = loadGenerator("stub",
						List.of("--riders", "" + riders, "--interval", "5s", "--mode", "http", "--warmup",
								this.warmup + "s", "--duration", seconds + "s", "--bootstrap", this.bootstrap,
								"--producer-url", "http://127.0.0.1:" + stub.getAddress().getPort(), "--token-secret",
								SECRET),
						jar);
				double rate = number(http, "steadyPerSecond");
				String label = (jars.indexOf(jar) == 0) ? "" : " (" + Paths.get(jar).getFileName() + ")";
				this.rows.add(new String[] {
						"http mode against a no-op stub (client ceiling): " + fmt(riders) + " riders, every 5 s"
								+ label,
						fmt(number(http, "targetPerSecond")),
						fmt(rate) + " (whole run incl. warm-up " + fmt(number(http, "achievedPerSecond")) + ")",
						fmt(number(http, "fixesFailed")), ms(number(http, "latencyP50Ms")),
						ms(number(http, "latencyP99Ms")),
						String.format(Locale.ROOT, "%.3f of direct", rate / directRate),
						"HTTP/1.1 keep-alive; stub (JDK HttpServer, 4 threads) in the benchmark JVM"
								+ generatorCpu(http) + "; load average " + loadAverage() });
			}
		}
		finally {
			stub.stop(0);
			pool.shutdownNow();
		}
	}

	private double kafkaOwnRate(Path payload, int size) throws Exception {
		String records = this.args.getOrDefault("perf-records", "3000000");
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", kafkaClasspath(),
				"org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-perf", "--num-records", records,
				"--throughput", "-1", "--payload-file", payload.toString(), "--producer-props",
				"bootstrap.servers=" + this.bootstrap, "acks=all", "enable.idempotence=true", "compression.type=lz4",
				"batch.size=262144", "linger.ms=20", "buffer.memory=67108864"));
		System.out.println("\n== Kafka's own ProducerPerformance, " + records + " records of our fixes' JSON");
		AtomicReference<String> last = new AtomicReference<>();
		Process process = start(command, "perf", (line) -> {
			if (PERF.matcher(line).find()) {
				last.set(line);
			}
		});
		process.waitFor();
		Matcher m = (last.get() != null) ? PERF.matcher(last.get()) : null;
		if (m == null || !m.find()) {
			throw new IllegalStateException("ProducerPerformance printed no result");
		}
		double rate = Double.parseDouble(m.group(2));
		this.rows.add(new String[] { "Kafka ProducerPerformance: " + fmt(Double.parseDouble(m.group(1))) + " records",
				"max", fmt(rate), "-", m.group(6), m.group(8), "1.00", size + " B JSON fixes, " + m.group(3)
						+ " MB/s, acks=all, lz4, no keys; load average " + loadAverage() });
		return rate;
	}

	private Map<String, Object> loadGenerator(String name, List<String> flags) throws Exception {
		return loadGenerator(name, flags, generatorJar());
	}

	private Map<String, Object> loadGenerator(String name, List<String> flags, String jarPath) throws Exception {
		Path jar = Paths.get(jarPath);
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar.toString()));
		command.addAll(flags);
		System.out.println("\n== load-generator " + String.join(" ", flags));
		AtomicReference<String> summary = new AtomicReference<>();
		Process process = start(command, name, (line) -> {
			if (line.startsWith("SUMMARY ")) {
				summary.set(line.substring(8));
			}
		});
		process.waitFor();
		if (summary.get() == null) {
			throw new IllegalStateException("load-generator (" + name + ") printed no summary");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> result = EventJson.mapper().readValue(summary.get(), Map.class);
		return result;
	}

	private String producerUrl() throws Exception {
		if (this.args.containsKey("producer-url")) {
			return this.args.get("producer-url");
		}
		Path jar = Paths.get(this.args.getOrDefault("producer-jar", "location-producer/target/location-producer.jar"));
		if (!Files.isRegularFile(jar)) {
			return null;
		}
		int port = freePort();
		System.out.println("\n== location-producer on port " + port);
		this.producer = start(List.of(java(), "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + this.bootstrap, "--ridertrack.security.token-secret=" + SECRET),
				"producer", (line) -> {
				})
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

	private String startBroker() throws Exception {
		int port = freePort();
		int controller = freePort();
		Path dir = this.work.resolve("broker");
		Files.createDirectories(dir);
		Path config = dir.resolve("server.properties");
		Files.writeString(config,
				String.join("\n", "process.roles=broker,controller", "node.id=1",
						"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
						"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
						"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
						"controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
						"log.dirs=" + dir.resolve("data"), "num.partitions=1", "offsets.topic.replication.factor=1",
						"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
						"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
						"auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0", ""));
		System.out.println("\n== Kafka broker (KRaft, one process) on 127.0.0.1:" + port + ", data in " + dir);
		Process format = start(List.of(java(), "-cp", kafkaClasspath(), "kafka.tools.StorageTool", "format", "-t",
				Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"), "format", (line) -> {
				});
		if (format.waitFor() != 0) {
			throw new IllegalStateException("could not format the broker's storage");
		}
		this.broker = start(
				List.of(java(), "-Xmx1g", "-Xms1g", "-cp", kafkaClasspath(), "kafka.Kafka", config.toString()),
				"broker", (line) -> {
				})
			.toHandle();
		String address = "127.0.0.1:" + port;
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try (Admin admin = admin(address)) {
				admin.describeCluster().nodes().get();
				return address;
			}
			catch (Exception ex) {
				// the broker process is still starting; ask again shortly
				Thread.sleep(500);
			}
		}
		throw new IllegalStateException("the broker did not start in 60 s");
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

	/**
	 * Writes fixes as the simulation makes them, riders on orders included, one JSON
	 * object a line: ProducerPerformance sends exactly these bytes.
	 * @return the average size in bytes
	 */
	private static int writePayload(Path file, int count) throws IOException {
		City city = new City(new Bbox(18.90, 19.25, 72.78, 72.98), 42);
		Fleet fleet = new Fleet(city, 1000, Duration.ofSeconds(30), true);
		List<String> lines = new ArrayList<>();
		FleetListener listener = new FleetListener() {
			@Override
			public void fix(int rider, RiderLocation fix) {
				lines.add(EventJson.mapper().writeValueAsString(fix));
			}

			@Override
			public void order(OrderEvent event) {
			}

			@Override
			public void delivered(DeliveredOrder order) {
			}
		};
		SplittableRandom random = new SplittableRandom(42);
		long t = System.currentTimeMillis();
		for (int step = 0; step < 600; step++, t += 1000) {
			boolean keep = step >= 600 - count / 1000;
			int before = lines.size();
			for (int i = 0; i < 1000; i++) {
				fleet.step(i, t, random, 1, listener);
			}
			if (!keep) {
				lines.subList(before, lines.size()).clear();
			}
		}
		Files.write(file, lines, StandardCharsets.UTF_8);
		return (int) Math
			.round(lines.stream().mapToInt((l) -> l.getBytes(StandardCharsets.UTF_8).length).average().orElse(0));
	}

	private Process start(List<String> command, String name, java.util.function.Consumer<String> onLine)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Path log = this.work.resolve(name + ".log");
		Process process = builder.start();
		this.processes.add(process);
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					java.io.BufferedWriter out = Files.newBufferedWriter(log)) {
				String line;
				while ((line = in.readLine()) != null) {
					out.write(line);
					out.newLine();
					onLine.accept(line);
					if (line.contains("fixes/s") || line.contains("records sent") || line.contains(" ERROR ")
							|| line.startsWith("load-generator summary") || line.startsWith("  ")) {
						System.out.println("  [" + name + "] " + line.replaceAll("^.*ProgressPrinter\\s*:\\s*", ""));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-" + name);
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	private void print(String machine) {
		String[] header = { "run", "target/s", "achieved/s (after warm-up)", "errors", "p50 ms", "p99 ms", "ratio",
				"notes" };
		System.out.println("\n" + machine);
		System.out.println("| " + String.join(" | ", header) + " |");
		System.out.println("|" + " --- |".repeat(header.length));
		for (String[] row : this.rows) {
			System.out.println("| " + String.join(" | ", row) + " |");
		}
		this.notes.forEach((n) -> System.out.println("Note: " + n));
		System.out.println("Logs of every process: " + this.work);
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

	private String kafkaClasspath() {
		String cp = this.args.get("kafka-classpath");
		if (cp == null) {
			throw new IllegalStateException("--kafka-classpath is needed (bench/ingest.sh resolves it)");
		}
		return cp;
	}

	private static Admin admin(String bootstrap) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
		return Admin.create(config);
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static double number(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value instanceof Number n) ? n.doubleValue() : Double.NaN;
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%,.0f", v);
	}

	private static String ms(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	private void stopAll() {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			Process process = this.processes.get(i);
			if (process.isAlive()) {
				process.destroy();
				try {
					process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
							java.util.concurrent.TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				process.destroyForcibly();
			}
		}
		this.processes.clear();
	}

}
