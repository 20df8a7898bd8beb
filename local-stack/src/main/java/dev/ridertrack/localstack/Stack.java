package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ridertrack.platform.CatalogTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform on this machine: brokers, Redis and the MongoDB-compatible server,
 * the catalog's topics, then every service, each as its own process, started in that
 * order and stopped in the reverse one.
 * <p>
 * One class because it owns the one ordered list of running processes and the order in
 * which they start and stop, which every control action (scale, kill, broker and MongoDB
 * stop/start) changes under the same lock. The pieces that do not need that list already
 * stand alone ({@link BrokerConfig}, {@link ManagedProcess}, {@link PortLayout},
 * {@link PidFiles}, {@link ControlApi}); the next split would move the per-kind start
 * commands (broker, Redis, MongoDB, service) into launchers of their own.
 */
final class Stack {

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);

	private static final String DEV_TOKEN_SECRET = "dev-only-token-secret-change-me";

	private static final String SERVICE_LOG_PATTERN = "%d{HH:mm:ss.SSS} %5p %-32.32logger{31} : %m%n%wEx";

	private final StackOptions options;

	private final PortLayout ports;

	private final Console console;

	private final Map<String, String> environment;

	private final Path dataDir;

	private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

	private final List<ManagedProcess> brokers = new CopyOnWriteArrayList<>();

	private final List<ManagedProcess> infrastructure = new CopyOnWriteArrayList<>();

	private final List<ManagedProcess> services = new CopyOnWriteArrayList<>();

	private final ExecutorService tasks = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "local-stack-task");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "local-stack-health");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String loopback = InetAddress.getLoopbackAddress().getHostAddress();

	private final Runnable shutdownRequest;

	private ControlApi control;

	private volatile Instant startedAt;

	private volatile Duration startupTime;

	private volatile boolean stopped;

	private String bootstrapServers;

	private String redisHost;

	private int redisPort;

	private String mongoUri;

	private int replicationFactor = 1;

	private int minInsyncReplicas = 1;

	/**
	 * A stack, not yet started.
	 * @param options what to run
	 * @param console where every process's output goes
	 * @param environment the orchestrator's environment (for the token secret)
	 * @param shutdownRequest what the control API's shutdown does
	 */
	Stack(StackOptions options, Console console, Map<String, String> environment, Runnable shutdownRequest) {
		this.shutdownRequest = shutdownRequest;
		this.options = options;
		this.ports = options.ports();
		this.console = console;
		this.environment = environment;
		this.dataDir = options.dataDir();
	}

	/**
	 * Starts everything and returns when every process is ready. On failure it stops what
	 * it started and throws.
	 */
	void start() {
		this.startedAt = Instant.now();
		try {
			prepareDataDirectory();
			checkPortsFree();
			this.control = new ControlApi(this, this.shutdownRequest);
			this.control.start(this.ports.control());
			startInfrastructure();
			createTopics();
			if (!this.options.infraOnly()) {
				startServices();
			}
			this.startupTime = Duration.between(this.startedAt, Instant.now());
			this.monitor.scheduleWithFixedDelay(this::checkHealth, 5, 5, TimeUnit.SECONDS);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void prepareDataDirectory() {
		try {
			Files.createDirectories(this.dataDir);
			PidFiles pidFiles = new PidFiles(this.dataDir, this.console);
			pidFiles.stopLeftovers();
			pidFiles.writeOrchestrator(this.ports.control());
			if (this.options.fresh()) {
				this.console.info("--fresh: wiping " + this.dataDir);
				for (String dir : List.of("kafka", "redis", "mongo", "logs", "bin")) {
					deleteRecursively(this.dataDir.resolve(dir));
				}
			}
			for (String dir : List.of("kafka", "redis", "mongo", "logs", "run", "bin")) {
				Files.createDirectories(this.dataDir.resolve(dir));
			}
		}
		catch (IOException ex) {
			throw new StackException("Cannot use data directory " + this.dataDir + ": " + ex.getMessage());
		}
	}

	private void checkPortsFree() {
		Map<Integer, String> needed = new LinkedHashMap<>();
		if (this.options.startsBrokers()) {
			for (int id = 1; id <= this.options.brokers(); id++) {
				needed.put(this.ports.broker(id), "Kafka broker " + id);
				needed.put(this.ports.controller(id), "Kafka controller " + id);
			}
		}
		if (this.options.startsRedis()) {
			needed.put(this.ports.redis(), "Redis");
		}
		if (this.options.startsMongo()) {
			needed.put(this.ports.mongo(), "MongoDB");
		}
		needed.put(this.ports.control(), "the local-stack control API");
		if (!this.options.infraOnly()) {
			this.ports.services().forEach((name, port) -> needed.put(port, name));
		}
		List<String> problems = new ArrayList<>();
		needed.forEach((port, what) -> {
			if (!Ports.isFree(port)) {
				String holder = Ports.owner(port).map((owner) -> " by " + owner).orElse("");
				problems.add("  port " + port + " (" + what + ") is already taken" + holder);
			}
		});
		if (!problems.isEmpty()) {
			throw new StackException("Cannot start: ports are in use.\n" + String.join("\n", problems) + "\n"
					+ "Stop whatever holds them (a stack from another directory: ./ridertrack down there), "
					+ "or use what is already running with --kafka HOST:PORT, --redis HOST:PORT, --mongodb URI, "
					+ "or move the whole stack with --ports-from N.");
		}
	}

	private void startInfrastructure() {
		List<ManagedProcess> starting = new ArrayList<>();
		if (this.options.startsBrokers()) {
			starting.addAll(launchBrokers());
		}
		else {
			this.bootstrapServers = this.options.kafka();
			this.console.info("Using the Kafka at " + this.bootstrapServers);
		}
		if (this.options.startsRedis()) {
			ManagedProcess redis = redisProcess();
			this.infrastructure.add(redis);
			launch(redis);
			starting.add(redis);
		}
		else {
			int colon = this.options.redis().lastIndexOf(':');
			this.redisHost = this.options.redis().substring(0, colon);
			this.redisPort = Integer.parseInt(this.options.redis().substring(colon + 1));
			this.console.info("Using the Redis at " + this.options.redis());
		}
		if (this.options.startsMongo()) {
			ManagedProcess mongo = mongoProcess();
			this.infrastructure.add(mongo);
			launch(mongo);
			starting.add(mongo);
		}
		else {
			this.mongoUri = this.options.mongodbUri();
			this.console.info("Using the MongoDB at " + redactedMongoUri());
		}
		awaitAll(starting, Duration.ofMinutes(2));
		if (!this.options.startsRedis() && !Ports.redisPong(this.redisHost, this.redisPort)) {
			throw new StackException("No Redis answers at " + this.options.redis() + " (--redis)");
		}
	}

	private List<ManagedProcess> launchBrokers() {
		int count = this.options.brokers();
		Path kafkaDir = this.dataDir.resolve("kafka");
		Path layout = kafkaDir.resolve("brokers");
		try {
			if (Files.exists(layout) && !Files.readString(layout).trim().equals(Integer.toString(count))) {
				throw new StackException("The data in " + kafkaDir + " is for " + Files.readString(layout).trim()
						+ " broker(s), not " + count + ". Use --fresh to start over, or another --data DIR.");
			}
			Path clusterIdFile = kafkaDir.resolve("cluster.id");
			if (!Files.exists(clusterIdFile)) {
				Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
			}
			String clusterId = Files.readString(clusterIdFile).trim();
			Files.writeString(kafkaDir.resolve("log4j2.properties"), BrokerConfig.log4j2());
			List<ManagedProcess> formats = new ArrayList<>();
			for (int id = 1; id <= count; id++) {
				BrokerConfig config = new BrokerConfig(id, count, this.ports, this.options.host(),
						kafkaDir.resolve("broker-" + id));
				Path properties = kafkaDir.resolve("broker-" + id + ".properties");
				Files.writeString(properties, config.render());
				if (!Files.exists(config.logDir().resolve("meta.properties"))) {
					ManagedProcess format = process("kafka-" + id, ManagedProcess.Kind.BROKER, "kafka", id, 0,
							kafkaCommand("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId,
									"-c", properties.toString(), "--feature", BrokerConfig.SHARE_GROUPS_FEATURE),
							Map.of(), () -> false)
						.oneShot();
					launch(format);
					formats.add(format);
				}
			}
			for (ManagedProcess format : formats) {
				if (format.waitForExit(Duration.ofMinutes(1)) != 0) {
					throw new StackException("Formatting storage for " + format.name() + " failed:\n"
							+ format.lastLines() + "Full log: " + format.logFile());
				}
			}
			Files.writeString(layout, Integer.toString(count));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> addresses = new ArrayList<>();
		for (int id = 1; id <= count; id++) {
			int port = this.ports.broker(id);
			addresses.add(this.options.host() + ":" + port);
			ManagedProcess broker = process("kafka-" + id, ManagedProcess.Kind.BROKER, "kafka", id, port,
					kafkaCommand("kafka.Kafka", kafkaDir.resolve("broker-" + id + ".properties").toString()), Map.of(),
					() -> Ports.accepts(this.loopback, port));
			this.brokers.add(broker);
			launch(broker);
		}
		this.bootstrapServers = String.join(",", addresses);
		this.replicationFactor = (count >= 3) ? 3 : 1;
		this.minInsyncReplicas = (count >= 3) ? 2 : 1;
		return List.copyOf(this.brokers);
	}

	private List<String> kafkaCommand(String mainClass, String... args) {
		Path target = this.options.root().resolve("local-stack").resolve("target");
		requireBuilt(target.resolve("kafka-lib"));
		List<String> command = new ArrayList<>(List.of(this.java.toString(), marker(), "-Xms128m", "-Xmx512m",
				"-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
				"-Dlog4j2.configurationFile=" + this.dataDir.resolve("kafka").resolve("log4j2.properties"), "-cp",
				target.resolve("kafka-lib") + "/*:" + target.resolve("lib") + "/*", mainClass));
		command.addAll(List.of(args));
		return command;
	}

	private ManagedProcess redisProcess() {
		int port = this.ports.redis();
		this.redisHost = this.options.host();
		this.redisPort = port;
		Path binary = RedisBinary.find(this.dataDir.resolve("bin"));
		List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
				BrokerConfig.BIND_ADDRESS, "--dir", this.dataDir.resolve("redis").toString(), "--save", "60 1",
				"--appendonly", "no", "--daemonize", "no", "--logfile", "");
		return process("redis", ManagedProcess.Kind.REDIS, "redis", 1, port, command, Map.of(),
				() -> Ports.redisPong(this.loopback, port));
	}

	private ManagedProcess mongoProcess() {
		int port = this.ports.mongo();
		this.mongoUri = "mongodb://" + this.options.host() + ":" + port + "/ridertrack";
		Path target = this.options.root().resolve("local-stack").resolve("target");
		requireBuilt(target.resolve("lib"));
		String store = this.options.mongoMemory() ? "memory"
				: this.dataDir.resolve("mongo").resolve("ridertrack.mv").toString();
		// The memory backend keeps every document on the heap (about 1.5 KB per fix,
		// measured): 384 MB filled in a few minutes of 3,000 riders and the server
		// stalled
		// in full GCs. 4 GB holds about 2.5 million fixes; the H2 backend pages to disk.
		String heap = this.options.mongoMemory() ? "-Xmx4g" : "-Xmx512m";
		List<String> command = List.of(this.java.toString(), marker(), heap, "-XX:+UseParallelGC",
				"-XX:TieredStopAtLevel=1", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
				"-Dslf4j.internal.verbosity=WARN", "-cp",
				target.resolve("classes") + ":" + target.resolve("lib") + "/*", MongoServerMain.class.getName(),
				BrokerConfig.BIND_ADDRESS, Integer.toString(port), store);
		return process("mongo", ManagedProcess.Kind.MONGO, "mongo", 1, port, command, Map.of(),
				() -> Ports.accepts(this.loopback, port));
	}

	private void createTopics() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				60000))) {
			int expected = this.options.startsBrokers() ? this.options.brokers() : 1;
			Instant deadline = Instant.now().plusSeconds(60);
			int nodes = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
			while (nodes < expected && Instant.now().isBefore(deadline)) {
				// brokers register with the quorum on their own schedule: poll
				Thread.sleep(250);
				nodes = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
			}
			if (nodes < expected) {
				throw new StackException("Only " + nodes + " of " + expected + " brokers joined the cluster");
			}
			if (!this.options.startsBrokers()) {
				this.replicationFactor = (nodes >= 3) ? 3 : 1;
				this.minInsyncReplicas = (nodes >= 3) ? 2 : 1;
			}
			List<NewTopic> topics = CatalogTopics.newTopics((short) this.replicationFactor, this.minInsyncReplicas);
			int created = 0;
			for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : admin.createTopics(topics)
				.values()
				.entrySet()) {
				try {
					result.getValue().get(60, TimeUnit.SECONDS);
					created++;
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new StackException(
								"Could not create topic " + result.getKey() + ": " + ex.getCause().getMessage());
					}
				}
			}
			this.console
				.info("Topics: " + created + " created, " + (topics.size() - created) + " already there (replication "
						+ this.replicationFactor + ", min.insync.replicas " + this.minInsyncReplicas + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackException("Interrupted while creating topics");
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new StackException("Kafka at " + this.bootstrapServers + " did not answer: " + ex.getMessage());
		}
	}

	private void startServices() {
		List<ManagedProcess> starting = new ArrayList<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			requireBuilt(service.jar(this.options.root()));
			ManagedProcess instance = serviceProcess(service, 1, this.ports.service(service.name()));
			this.services.add(instance);
			starting.add(instance);
		}
		this.console.info("Starting " + starting.size() + " services");
		starting.forEach(this::launch);
		awaitAll(starting, SERVICE_START_TIMEOUT);
	}

	private ManagedProcess serviceProcess(ServiceDefinition service, int instance, int port) {
		List<String> command = new ArrayList<>(List.of(this.java.toString(), marker(), "-Xms64m", "-Xmx256m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=64m"));
		command.addAll(this.options.serviceJvmOptions());
		command.addAll(List.of("-jar", service.jar(this.options.root()).toString(), "--spring.profiles.active=local"));
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers);
		env.put("SPRING_DATA_REDIS_HOST", this.redisHost);
		env.put("SPRING_DATA_REDIS_PORT", Integer.toString(this.redisPort));
		env.put("SPRING_MONGODB_URI", this.mongoUri);
		env.put("RIDERTRACK_TOPICS_REPLICATION_FACTOR", Integer.toString(this.replicationFactor));
		env.put("RIDERTRACK_TOPICS_MIN_INSYNC_REPLICAS", Integer.toString(this.minInsyncReplicas));
		if (this.options.riders() > 0) {
			env.put("RIDERTRACK_LOADGEN_RIDERS", Integer.toString(this.options.riders()));
		}
		env.put("RIDERTRACK_LOADGEN_AUTOSTART", Boolean.toString(this.options.riders() > 0));
		// Kafka Streams locks its state directory: every instance needs its own, and two
		// stacks on one machine must not share one.
		env.put("RIDERTRACK_STREAMS_STATE_DIR",
				this.dataDir.resolve("streams").resolve(service.name() + "-" + instance).toString());
		// other analytics instances ask this one for its zones at this host
		env.put("RIDERTRACK_ANALYTICS_ADVERTISED_HOST", this.options.host());
		// tracking-service proxies the dashboard's replay and city charts to these
		env.put("RIDERTRACK_TRACKING_HISTORY_URL",
				"http://" + this.options.host() + ":" + this.ports.service("db-writer"));
		env.put("RIDERTRACK_TRACKING_ANALYTICS_URL",
				"http://" + this.options.host() + ":" + this.ports.service("analytics-service"));
		env.put("RIDERTRACK_LOADGEN_PRODUCER_URL",
				"http://" + this.options.host() + ":" + this.ports.service("location-producer"));
		env.put("RIDERTRACK_SECURITY_TOKEN_SECRET",
				this.environment.getOrDefault("RIDERTRACK_SECURITY_TOKEN_SECRET", DEV_TOKEN_SECRET));
		// Shorter lines than Boot's default: the console prefix already names the
		// service.
		env.put("LOGGING_PATTERN_CONSOLE", SERVICE_LOG_PATTERN);
		// Kafka clients print every config at INFO; in one shared stream that drowns the
		// rest.
		env.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
		env.put("SPRING_MAIN_BANNER_MODE", "off");
		// the lessons that control processes (scale, crash, broker failure) call this
		// stack's control API
		env.put("RIDERTRACK_LESSONS_STACK_URL", "http://" + this.loopback + ":" + this.ports.control());
		String name = (instance == 1) ? service.name() : service.name() + "-" + instance;
		// the instance's name in its Kafka client ids, so the Kafka page can tell which
		// process a group member is (the libraries append their own suffixes)
		env.put("SPRING_KAFKA_CLIENT_ID", name);
		return process(name, ManagedProcess.Kind.SERVICE, service.name(), instance, port, command, env,
				() -> isUp(port));
	}

	private boolean isUp(int port) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://" + this.loopback + ":" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200
					&& "UP".equals(this.json.readTree(response.body()).path("status").asString(""));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private ManagedProcess process(String name, ManagedProcess.Kind kind, String service, int instance, int port,
			List<String> command, Map<String, String> env, java.util.function.BooleanSupplier health) {
		return new ManagedProcess(name, kind, service, instance, port, command, env, this.dataDir, this.console,
				health);
	}

	/**
	 * Marks our processes' command lines so leftovers are recognised and nothing else is.
	 */
	private String marker() {
		return "-D" + PidFiles.MARKER + "=" + this.dataDir;
	}

	private void requireBuilt(Path path) {
		if (!Files.exists(path)) {
			throw new StackException(path + " is missing. Build first: ./mvnw -B -DskipTests package "
					+ "(./ridertrack up does this for you).");
		}
	}

	private void awaitAll(List<ManagedProcess> processes, Duration timeout) {
		List<CompletableFuture<Void>> waits = processes.stream().map((process) -> CompletableFuture.runAsync(() -> {
			Instant begin = Instant.now();
			process.awaitReady(timeout);
			this.console.info(String.format(Locale.ROOT, "%s is ready (%.1f s)", process.name(),
					Duration.between(begin, Instant.now()).toMillis() / 1000.0));
		}, this.tasks)).toList();
		try {
			CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Starts a process unless the stack is stopping: Ctrl-C while starting must not leave
	 * a process behind that {@link #stop()} has already passed by.
	 * @param process a process already in one of the lists that {@link #stop()} goes
	 * through
	 */
	private synchronized void launch(ManagedProcess process) {
		if (this.stopped) {
			throw new StackException("The stack is stopping");
		}
		process.start();
	}

	private void checkHealth() {
		allProcesses().stream().filter(ManagedProcess::isAlive).forEach(ManagedProcess::checkHealth);
	}

	/**
	 * Stops every process it started: services first, then Redis and MongoDB, brokers
	 * last. Safe to call more than once and from any thread.
	 */
	synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.monitor.shutdownNow();
		Instant begin = Instant.now();
		boolean anyRunning = allProcesses().stream().anyMatch(ManagedProcess::isAlive);
		if (anyRunning) {
			this.console.info("Stopping: services, then Redis and MongoDB, then Kafka");
		}
		stopAll(this.services, Duration.ofSeconds(20));
		stopAll(this.infrastructure, Duration.ofSeconds(15));
		stopBrokers();
		this.tasks.shutdownNow();
		if (this.control != null) {
			this.control.stop();
		}
		new PidFiles(this.dataDir, this.console).removeOrchestrator();
		long left = allProcesses().stream().filter(ManagedProcess::isAlive).count();
		if (!anyRunning) {
			return;
		}
		this.console.info(String.format(Locale.ROOT, "Stopped in %.1f s; %s",
				Duration.between(begin, Instant.now()).toMillis() / 1000.0,
				(left == 0) ? "nothing left running." : left + " processes would not stop!"));
	}

	/**
	 * Stops the brokers together. A KRaft broker's controlled shutdown needs a majority
	 * of the controller quorum; once the others have gone the last one can never complete
	 * it (it would wait five minutes), so the minority left is killed: its log is
	 * recovered at the next start, which for a development cluster takes a moment.
	 */
	private void stopBrokers() {
		List<ManagedProcess> running = this.brokers.stream().filter(ManagedProcess::isAlive).toList();
		if (running.isEmpty()) {
			return;
		}
		int majority = this.options.brokers() / 2 + 1;
		running.forEach(ManagedProcess::requestStop);
		Instant deadline = Instant.now().plusSeconds(30);
		Instant quorumLostAt = null;
		while (running.stream().anyMatch(ManagedProcess::isAlive)) {
			long alive = running.stream().filter(ManagedProcess::isAlive).count();
			if (alive < majority && quorumLostAt == null) {
				quorumLostAt = Instant.now();
			}
			boolean stuckWithoutQuorum = quorumLostAt != null && Instant.now().isAfter(quorumLostAt.plusSeconds(2));
			if (stuckWithoutQuorum || Instant.now().isAfter(deadline)) {
				running.stream().filter(ManagedProcess::isAlive).forEach((broker) -> {
					this.console.info(broker.name() + (stuckWithoutQuorum
							? " cannot finish a controlled shutdown without a quorum; killing it (its log is recovered at the next start)"
							: " did not stop within 30 s; killing it"));
					broker.kill();
				});
				break;
			}
			try {
				// waiting on other processes to exit, with a deadline to kill them
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				running.forEach(ManagedProcess::kill);
				return;
			}
		}
		running.forEach((broker) -> broker.stop(Duration.ofSeconds(5)));
	}

	private void stopAll(List<ManagedProcess> processes, Duration grace) {
		List<Thread> stoppers = processes.stream().filter(ManagedProcess::isAlive).map((process) -> {
			Thread stopper = new Thread(() -> process.stop(grace), "stop-" + process.name());
			stopper.start();
			return stopper;
		}).toList();
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	List<ManagedProcess> allProcesses() {
		return Stream.of(this.brokers, this.infrastructure, this.services).flatMap(List::stream).toList();
	}

	/**
	 * Starts one more instance of a service on a free port: one more member of its
	 * consumer group. Returns at once; the instance joins when it is healthy.
	 * @param serviceName the service
	 * @return the new instance
	 */
	synchronized ManagedProcess addInstance(String serviceName) {
		ServiceDefinition service = ServiceDefinition.named(serviceName)
			.orElseThrow(() -> new IllegalArgumentException("No such service: " + serviceName));
		int next = this.services.stream()
			.filter((p) -> p.service().equals(serviceName))
			.mapToInt(ManagedProcess::instance)
			.max()
			.orElse(0) + 1;
		ManagedProcess instance = serviceProcess(service, next, Ports.freePort());
		this.services.add(instance);
		startInBackground(instance);
		return instance;
	}

	/**
	 * Stops the newest instance of a service gracefully and forgets it: one member fewer
	 * in its consumer group. The first instance stays.
	 * @param serviceName the service
	 * @return the instance removed
	 */
	ManagedProcess removeInstance(String serviceName) {
		ManagedProcess newest;
		synchronized (this) {
			ServiceDefinition.named(serviceName)
				.orElseThrow(() -> new IllegalArgumentException("No such service: " + serviceName));
			newest = this.services.stream()
				.filter((p) -> p.service().equals(serviceName) && p.instance() > 1)
				.max(Comparator.comparingInt(ManagedProcess::instance))
				.orElseThrow(() -> new IllegalStateException(
						serviceName + " has only its first instance; stop it with POST /api/stack/services/"
								+ serviceName + "/1/stop instead"));
			this.services.remove(newest);
		}
		newest.stop(Duration.ofSeconds(30));
		return newest;
	}

	/**
	 * The broker, Redis or MongoDB process with that name ({@code redis}, {@code mongo}).
	 * @param name the process's name
	 * @return it, if the stack started it
	 */
	Optional<ManagedProcess> infrastructure(String name) {
		return this.infrastructure.stream().filter((p) -> p.name().equals(name)).findFirst();
	}

	boolean mongoInMemory() {
		return this.options.startsMongo() && this.options.mongoMemory();
	}

	void startInBackground(ManagedProcess process) {
		launch(process);
		this.tasks.execute(() -> {
			try {
				process.awaitReady(SERVICE_START_TIMEOUT);
				this.console.info(process.name() + " is ready");
			}
			catch (StackException ex) {
				if (!this.stopped && process.state() != ManagedProcess.State.STOPPED) {
					this.console.info(ex.getMessage());
				}
			}
		});
	}

	Optional<ManagedProcess> find(String service, String instance) {
		return allProcesses().stream()
			.filter((p) -> p.service().equals(service)
					&& (Integer.toString(p.instance()).equals(instance) || p.name().equals(instance)))
			.findFirst();
	}

	Optional<ManagedProcess> broker(int id) {
		return this.brokers.stream().filter((b) -> b.instance() == id).findFirst();
	}

	/**
	 * What a newcomer needs once everything is up.
	 * @return the ready block
	 */
	String readyBlock() {
		String host = this.options.host();
		StringBuilder text = new StringBuilder();
		String rule = "=".repeat(78) + "\n";
		text.append('\n').append(rule);
		text.append(String.format(Locale.ROOT, "  RiderTrack is up: %d processes healthy in %.1f s%n",
				allProcesses().size(), this.startupTime.toMillis() / 1000.0));
		text.append('\n');
		if (!this.options.infraOnly()) {
			text.append(
					String.format("  Dashboard        http://%s:%d%n", host, this.ports.service("tracking-service")));
		}
		text.append(
				String.format("  Kafka bootstrap  %s  (%s)%n", this.bootstrapServers,
						this.options.startsBrokers() ? this.options.brokers() + " KRaft broker(s), replication "
								+ this.replicationFactor + ", min.insync.replicas " + this.minInsyncReplicas
								: "yours"));
		text.append(String.format("  Redis            %s:%d%s%n", this.redisHost, this.redisPort,
				this.options.startsRedis() ? "" : "  (yours)"));
		text.append(String.format("  MongoDB          %s  (%s)%n", redactedMongoUri(),
				!this.options.startsMongo() ? "yours"
						: this.options.mongoMemory() ? "mongo-java-server, in memory: forgotten on restart"
								: "mongo-java-server, H2 file in " + this.dataDir.resolve("mongo")));
		text.append(String.format("  Control API      http://%s:%d/api/stack%n", host, this.ports.control()));
		text.append('\n');
		for (ManagedProcess service : this.services) {
			text.append(String.format("  %-17s http://%s:%d%n", service.name(), host, service.port()));
		}
		text.append('\n');
		text.append("  Load             "
				+ (this.options.infraOnly() ? "none (--infra-only)" : (this.options.riders() > 0)
						? this.options.riders() + " simulated riders (--riders N to change)" : "none (--riders 0)")
				+ "\n");
		text.append("  Data and logs    " + this.dataDir + "  (logs/<process>.log)\n");
		text.append("  Stop             Ctrl-C here, or ./ridertrack down from another shell\n");
		text.append(rule).append('\n');
		return text.toString();
	}

	private String redactedMongoUri() {
		return (this.mongoUri == null) ? "" : this.mongoUri.replaceAll("//[^@/]+@", "//***@");
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	String mongoUri() {
		return this.mongoUri;
	}

	String redisAddress() {
		return this.redisHost + ":" + this.redisPort;
	}

	PortLayout ports() {
		return this.ports;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	boolean isStopped() {
		return this.stopped;
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
