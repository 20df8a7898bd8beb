package dev.ridertrack.localstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.TopicSpec;
import dev.ridertrack.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform as {@code ./ridertrack up --fresh} runs it: real broker, Redis,
 * MongoDB-compatible server and every service jar, each its own process. One stack for
 * the class, in the order a user meets it: a quiet start, everything healthy, a
 * {@code kill -9} healed, a clean stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIntegrationTests {

	/** A console line: the process's name padded, a bar, then what it printed. */
	private static final Pattern PREFIX = Pattern.compile("^\\S+\\s*\\| ");

	private static final Pattern ERROR_RECORD = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\s+ERROR\\b");

	private static final Pattern STACK_TRACE = Pattern
		.compile("^(\\s+at \\S+\\(|Caused by: |[\\w.$]+(Exception|Error)(: |$))");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final List<Long> pids = new ArrayList<>();

	private Path data;

	private Stack stack;

	private String startOutput;

	@BeforeAll
	void startFresh() throws Exception {
		assumeTrue(TestStacks.serviceJarsBuilt(),
				"Service jars are not built: run the whole reactor (./mvnw verify), not just local-stack");
		this.data = Files.createTempDirectory("local-stack");
		// what a user sees, also copied to the test's output
		PrintStream both = new PrintStream(new OutputStream() {
			@Override
			public void write(int b) {
				System.out.write(b);
				LocalStackIntegrationTests.this.printed.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				System.out.write(b, off, len);
				LocalStackIntegrationTests.this.printed.write(b, off, len);
			}
		}, true, StandardCharsets.UTF_8);
		this.stack = TestStacks.stack(this.data, new Console(both, false), "--fresh", "--riders", "0");
		this.stack.start();
		// LocalStack prints the ready block once start() returns: this is all before it
		this.startOutput = this.printed.toString(StandardCharsets.UTF_8);
		this.pids.addAll(this.stack.allProcesses().stream().map(ManagedProcess::pid).toList());
	}

	@AfterAll
	void stopIfStillRunning() {
		if (this.stack != null) {
			this.stack.stop();
		}
	}

	@Test
	@Order(1)
	void startsQuietlyWithNoErrorOrStackTraceBeforeTheReadyBlock() {
		List<String> lines = this.startOutput.lines().toList();
		System.out.printf("QUIET START: %d lines before the ready block%n", lines.size());
		List<String> printedByProcesses = lines.stream().map((line) -> PREFIX.matcher(line).replaceFirst("")).toList();
		assertThat(printedByProcesses).noneMatch((line) -> ERROR_RECORD.matcher(line).find())
			.noneMatch((line) -> STACK_TRACE.matcher(line).find());
		assertThat(lines).as("lines before the ready block").hasSizeLessThan(40);
		assertThat(this.startOutput).contains("kafka-1           | starting, pid")
			.contains("db-writer         | starting, pid")
			.contains("local-stack       | db-writer is ready");
	}

	@Test
	@Order(2)
	void runsEveryServiceHealthyOnTheCatalogTopics() throws Exception {
		assertThat(this.stack.allProcesses()).extracting(ManagedProcess::name)
			.containsExactlyInAnyOrder("kafka-1", "redis", "mongo", "tracking-service", "location-producer",
					"eta-service", "analytics-service", "db-writer", "load-generator");
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			JsonNode health = get(this.stack.ports().service(service.name()), "/actuator/health");
			assertThat(health.path("status").asString()).as(service.name()).isEqualTo("UP");
		}

		assertCatalogTopics(this.stack.bootstrapServers());
		assertFixGoesThroughTheBrokerToAConsumerGroup(this.stack.bootstrapServers());

		JsonNode described = get(this.stack.ports().control(), "/api/stack");
		assertThat(described.path("processes")).hasSize(9)
			.allSatisfy((process) -> assertThat(process.path("health").asString()).isEqualTo("UP"))
			.allSatisfy((process) -> assertThat(process.path("restarts").asInt()).isZero());

		// One more db-writer: a second member of the "db-writer" consumer group
		JsonNode added = post(this.stack.ports().control(), "/api/stack/services/db-writer/instances");
		assertThat(added.path("name").asString()).isEqualTo("db-writer-2");
		this.pids.add(added.path("pid").asLong());
		await().atMost(Duration.ofMinutes(3))
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(get(added.path("port").asInt(), "/actuator/health").path("status").asString())
						.isEqualTo("UP"));
	}

	@Test
	@Order(3)
	void restartsAServiceKilledWithSigkillUntilItIsHealthyAgain() throws Exception {
		ManagedProcess writer = this.stack.find("db-writer", "1").orElseThrow();
		long killed = writer.pid();

		assertThat(new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor()).isZero();

		JsonNode healed = await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> process(get(this.stack.ports().control(), "/api/stack"), "db-writer"),
					// the API's health is asked when it is read, the state follows the
					// supervisor's own readiness probe: both, whichever comes first
					(p) -> p.path("restarts").asInt() == 1 && p.path("health").asString().equals("UP")
							&& p.path("state").asString().equals("running"));
		assertThat(healed.path("pid").asLong()).isNotEqualTo(killed);
		assertThat(healed.path("lastDowntimeSeconds").asDouble()).isPositive();
		this.pids.add(healed.path("pid").asLong());
		assertThat(get(this.stack.ports().service("db-writer"), "/actuator/health").path("status").asString())
			.isEqualTo("UP");
		assertThat(get(this.stack.ports().control(), "/api/stack/events").path("events")
			.valueStream()
			.map((e) -> e.path("kind").asString())).containsSubsequence("CRASHED", "RESTARTED", "RECOVERED");
		// the Kafka page's timeline tells the learner too
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(
					operatorGet(this.stack.ports().service("tracking-service"), "/api/v1/kafka/timeline?limit=500")
						.path("events")
						.valueStream()
						.filter((e) -> e.path("subject").asString().equals("db-writer"))
						.map((e) -> e.path("kind").asString()))
				.contains("PROCESS_CRASHED", "PROCESS_RECOVERED"));
		assertThat(this.printed.toString(StandardCharsets.UTF_8))
			.contains("db-writer exited unexpectedly with code 137")
			.contains("db-writer: restarting in 1.0 s")
			.contains("db-writer is ready again");
	}

	@Test
	@Order(4)
	void leavesNothingRunningWhenStopped() throws Exception {
		this.stack.stop();
		assertThat(this.pids).hasSizeGreaterThanOrEqualTo(11)
			.allSatisfy((pid) -> assertThat(TestStacks.gone(pid)).as("pid %d", pid).isTrue());
		try (var pidFiles = Files.list(this.data.resolve("run"))) {
			assertThat(pidFiles).isEmpty();
		}
	}

	private static JsonNode process(JsonNode stack, String name) {
		return stack.path("processes")
			.valueStream()
			.filter((p) -> p.path("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private void assertCatalogTopics(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
			assertThat(names).hasSize(8);
			assertThat(admin.listTopics().names().get()).containsAll(names);
			Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
			for (TopicSpec<String, ?> spec : Topics.all()) {
				assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
				assertThat(topics.get(spec.name()).partitions().get(0).replicas()).hasSize(1);
			}
			ConfigResource riderLocations = new ConfigResource(ConfigResource.Type.TOPIC, "rider-locations");
			Config config = admin.describeConfigs(List.of(riderLocations)).all().get().get(riderLocations);
			assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofHours(24).toMillis()));
			assertThat(config.get("compression.type").value()).isEqualTo("lz4");
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
		}
	}

	private void assertFixGoesThroughTheBrokerToAConsumerGroup(String bootstrapServers) throws Exception {
		RiderLocation fix = TestStacks.fix("rider-000042", 7);
		try (KafkaProducer<String, RiderLocation> producer = TestStacks.producer(bootstrapServers)) {
			producer.send(new ProducerRecord<>("rider-locations", fix.riderId(), fix)).get();
		}
		List<RiderLocation> seen = new ArrayList<>();
		try (KafkaConsumer<String, RiderLocation> consumer = TestStacks.consumer(bootstrapServers,
				"local-stack-test")) {
			consumer.subscribe(List.of("rider-locations"));
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(TestStacks.consumeAll(consumer, seen)).contains(fix));
		}
	}

	private JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(url(port, path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

	private JsonNode operatorGet(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(url(port, path)).header("Authorization", "Bearer dev-operator").build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

	private JsonNode post(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(url(port, path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return this.json.readTree(response.body());
	}

	private static URI url(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
