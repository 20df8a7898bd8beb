package dev.ridertrack.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * How each kind of process is started and how the stack knows it is ready: the command
 * line, the environment and the readiness probe of a broker (its port), Redis (PONG), the
 * MongoDB-compatible server (its port) and a service ({@code /actuator/health} UP). It
 * builds {@link ManagedProcess}es; starting them is the caller's business.
 */
final class Launcher {

	private static final String DEV_TOKEN_SECRET = "dev-only-token-secret-change-me";

	private static final String SERVICE_LOG_PATTERN = "%d{HH:mm:ss.SSS} %5p %-32.32logger{31} : %m%n%wEx";

	private final StackOptions options;

	private final Console console;

	private final Map<String, String> environment;

	private final Path dataDir;

	private final Path target;

	private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String loopback = InetAddress.getLoopbackAddress().getHostAddress();

	/**
	 * A launcher.
	 * @param options what the stack was asked for
	 * @param console where the processes' output goes
	 * @param environment the orchestrator's environment (for the token secret)
	 */
	Launcher(StackOptions options, Console console, Map<String, String> environment) {
		this.options = options;
		this.console = console;
		this.environment = environment;
		this.dataDir = options.dataDir();
		this.target = options.root().resolve("local-stack").resolve("target");
	}

	/**
	 * The one-shot job that formats a broker's storage.
	 * @param id the broker
	 * @param clusterId the cluster's id
	 * @param properties its {@code server.properties}
	 * @return the job, not started
	 */
	ManagedProcess formatStorage(int id, String clusterId, Path properties) {
		return process("kafka-" + id, ManagedProcess.Kind.BROKER, "kafka", id, 0,
				kafkaCommand("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId, "-c",
						properties.toString(), "--feature", BrokerConfig.SHARE_GROUPS_FEATURE),
				Map.of(), () -> false)
			.oneShot();
	}

	/**
	 * A broker, ready when it accepts connections on its client port.
	 * @param id the broker
	 * @param properties its {@code server.properties}
	 * @return the broker, not started
	 */
	ManagedProcess broker(int id, Path properties) {
		int port = this.options.ports().broker(id);
		return process("kafka-" + id, ManagedProcess.Kind.BROKER, "kafka", id, port,
				kafkaCommand("kafka.Kafka", properties.toString()), Map.of(), () -> Ports.accepts(this.loopback, port));
	}

	private List<String> kafkaCommand(String mainClass, String... args) {
		requireBuilt(this.target.resolve("kafka-lib"));
		List<String> command = new ArrayList<>(List.of(this.java.toString(), marker()));
		command.addAll(BrokerConfig.JVM_OPTIONS);
		command.addAll(List.of("-Djava.awt.headless=true",
				"-Dlog4j2.configurationFile=" + this.dataDir.resolve("kafka").resolve("log4j2.properties"), "-cp",
				this.target.resolve("kafka-lib") + "/*:" + this.target.resolve("lib") + "/*", mainClass));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Redis, ready when it answers PING. It writes a snapshot to the data directory when
	 * it stops (and hourly while anything changes), so positions, trails and orders'
	 * views survive {@code ./ridertrack down} and the next {@code up}. Only hourly: a
	 * snapshot forks Redis and writes its whole data set (about 500 MB under the seeds'
	 * scenario), and everything in it is derived from Kafka, refreshed within a fix
	 * interval after a crash. The two numbers are two arguments: as one ({@code "60 1"})
	 * Redis 6.2 read no save point at all, so no snapshot was ever written. Its
	 * housekeeping timer ({@code hz}) runs twice a second, not ten times: that timer was
	 * all an idle Redis did (0.2 % of a core, issue 14). What it does is slow work:
	 * expiring keys nobody reads (orders' views after 6 h; a key that is read expires on
	 * the spot) and rehashing a growing table, which every write also moves on.
	 * @return it, not started
	 */
	ManagedProcess redis() {
		int port = this.options.ports().redis();
		Path binary = RedisBinary.find(this.dataDir.resolve("bin"));
		List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
				BrokerConfig.BIND_ADDRESS, "--dir", this.dataDir.resolve("redis").toString(), "--save", "3600", "1",
				"--hz", "2", "--appendonly", "no", "--daemonize", "no", "--logfile", "");
		return process("redis", ManagedProcess.Kind.REDIS, "redis", 1, port, command, Map.of(),
				() -> Ports.redisPong(this.loopback, port));
	}

	/**
	 * The MongoDB-compatible server, ready when it accepts connections.
	 * @return it, not started
	 */
	ManagedProcess mongo() {
		int port = this.options.ports().mongo();
		requireBuilt(this.target.resolve("lib"));
		String store = this.options.mongoMemory() ? "memory"
				: this.dataDir.resolve("mongo").resolve("ridertrack.mv").toString();
		// The memory backend keeps every document on the heap (about 1.5 KB per fix,
		// measured): 384 MB filled in a few minutes of 3,000 riders and the server
		// stalled in full GCs. 4 GB holds about 2.5 million fixes; the H2 backend pages
		// to disk, and needs more heap for its page cache and young collections under
		// the seeds' load (issue 14).
		String heap = this.options.mongoMemory() ? "-Xmx4g"
				: (this.options.riders() >= ServiceDefinition.HEAVY_FROM_RIDERS) ? "-Xmx1536m" : "-Xmx512m";
		List<String> command = new ArrayList<>(List.of(this.java.toString(), marker(), heap, "-XX:+UseParallelGC",
				ServiceDefinition.compiler(this.options.riders())));
		command.addAll(ServiceDefinition.QUIET_JVM);
		command.addAll(List.of("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
				"-Dslf4j.internal.verbosity=WARN", "-cp",
				this.target.resolve("classes") + ":" + this.target.resolve("lib") + "/*",
				MongoServerMain.class.getName(), BrokerConfig.BIND_ADDRESS, Integer.toString(port), store));
		return process("mongo", ManagedProcess.Kind.MONGO, "mongo", 1, port, command, Map.of(),
				() -> Ports.accepts(this.loopback, port));
	}

	/**
	 * One instance of a service, ready when its {@code /actuator/health} says UP.
	 * @param service the service
	 * @param instance its instance number, from 1
	 * @param port its HTTP port
	 * @param endpoints where it finds Kafka, Redis and MongoDB
	 * @return the instance, not started
	 */
	ManagedProcess service(ServiceDefinition service, int instance, int port, Endpoints endpoints) {
		requireBuilt(service.jar(this.options.root()));
		List<String> command = new ArrayList<>(List.of(this.java.toString(), marker()));
		command.addAll(ServiceDefinition.JVM_OPTIONS);
		command.addAll(ServiceDefinition.forLoad(this.options.riders()));
		command.addAll(this.options.serviceJvmOptions());
		command.addAll(List.of("-jar", service.jar(this.options.root()).toString(), "--spring.profiles.active=local"));
		if (service.background()) {
			command = ManagedProcess.belowInfrastructure(command);
		}
		String name = (instance == 1) ? service.name() : service.name() + "-" + instance;
		return process(name, ManagedProcess.Kind.SERVICE, service.name(), instance, port, command,
				serviceEnvironment(service, instance, name, port, endpoints), () -> isUp(port));
	}

	private Map<String, String> serviceEnvironment(ServiceDefinition service, int instance, String name, int port,
			Endpoints endpoints) {
		String host = this.options.host();
		PortLayout ports = this.options.ports();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", endpoints.bootstrapServers());
		env.put("SPRING_DATA_REDIS_HOST", endpoints.redisHost());
		env.put("SPRING_DATA_REDIS_PORT", Integer.toString(endpoints.redisPort()));
		env.put("SPRING_MONGODB_URI", endpoints.mongoUri());
		env.put("RIDERTRACK_TOPICS_REPLICATION_FACTOR", Integer.toString(endpoints.replication().factor()));
		env.put("RIDERTRACK_TOPICS_MIN_INSYNC_REPLICAS", Integer.toString(endpoints.replication().minInsyncReplicas()));
		if (this.options.riders() > 0) {
			env.put("RIDERTRACK_LOADGEN_RIDERS", Integer.toString(this.options.riders()));
		}
		env.put("RIDERTRACK_LOADGEN_AUTOSTART", Boolean.toString(this.options.riders() > 0));
		env.putAll(ServiceDefinition.loadShape(this.options.riders(), this.environment));
		// Kafka Streams locks its state directory: every instance needs its own, and two
		// stacks on one machine must not share one.
		env.put("RIDERTRACK_STREAMS_STATE_DIR",
				this.dataDir.resolve("streams").resolve(service.name() + "-" + instance).toString());
		// other analytics instances ask this one for its zones at this host
		env.put("RIDERTRACK_ANALYTICS_ADVERTISED_HOST", host);
		// tracking-service proxies the dashboard's replay and city charts to these
		env.put("RIDERTRACK_TRACKING_HISTORY_URL", "http://" + host + ":" + ports.service("db-writer"));
		env.put("RIDERTRACK_TRACKING_ANALYTICS_URL", "http://" + host + ":" + ports.service("analytics-service"));
		env.put("RIDERTRACK_LOADGEN_PRODUCER_URL", "http://" + host + ":" + ports.service("location-producer"));
		env.put("RIDERTRACK_SECURITY_TOKEN_SECRET",
				this.environment.getOrDefault("RIDERTRACK_SECURITY_TOKEN_SECRET", DEV_TOKEN_SECRET));
		// Shorter lines than Boot's default: the console prefix already names the
		// service. The level stays in a fixed place, where the console filter reads it.
		env.put("LOGGING_PATTERN_CONSOLE", SERVICE_LOG_PATTERN);
		// Kafka clients print every config at INFO; in one shared stream that drowns the
		// rest.
		env.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
		env.put("SPRING_MAIN_BANNER_MODE", "off");
		// the lessons that control processes (scale, crash, broker failure) call this
		// stack's control API
		env.put("RIDERTRACK_LESSONS_STACK_URL", "http://" + this.loopback + ":" + ports.control());
		// the instance's name in its Kafka client ids, so the Kafka page can tell which
		// process a group member is (the libraries append their own suffixes)
		env.put("SPRING_KAFKA_CLIENT_ID", name);
		return env;
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
			List<String> command, Map<String, String> env, BooleanSupplier health) {
		return new ManagedProcess(name, kind, service, instance, port, command, env, this.dataDir, this.console,
				health);
	}

	/**
	 * Marks our processes' command lines so leftovers are recognised and nothing else is.
	 */
	private String marker() {
		return "-D" + PidFiles.MARKER + "=" + this.dataDir;
	}

	private static void requireBuilt(Path path) {
		if (!Files.exists(path)) {
			throw new StackException(path + " is missing. Build first: ./mvnw -B -DskipTests package "
					+ "(./ridertrack up does this for you).");
		}
	}

}
