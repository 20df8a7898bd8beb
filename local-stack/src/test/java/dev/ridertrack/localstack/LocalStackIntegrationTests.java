package dev.ridertrack.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform as {@code ./ridertrack up} runs it: real broker, Redis,
 * MongoDB-compatible server and every service jar, each its own process.
 */
class LocalStackIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void runsEveryServiceHealthyOnTheCatalogTopicsAndLeavesNothingRunningWhenStopped(@TempDir Path data)
			throws Exception {
		assumeTrue(TestStacks.serviceJarsBuilt(),
				"Service jars are not built: run the whole reactor (./mvnw verify), not just local-stack");
		Stack stack = TestStacks.stack(data, "--riders", "0");
		List<Long> pids = new ArrayList<>();
		try {
			stack.start();
			pids.addAll(stack.allProcesses().stream().map(ManagedProcess::pid).toList());
			assertThat(stack.allProcesses()).extracting(ManagedProcess::name)
				.containsExactlyInAnyOrder("kafka-1", "redis", "mongo", "tracking-service", "location-producer",
						"eta-service", "analytics-service", "db-writer", "load-generator");

			for (ServiceDefinition service : ServiceDefinition.ALL) {
				JsonNode health = get(stack.ports().service(service.name()), "/actuator/health");
				assertThat(health.path("status").asString()).as(service.name()).isEqualTo("UP");
			}

			assertCatalogTopics(stack.bootstrapServers());
			assertFixGoesThroughTheBrokerToAConsumerGroup(stack.bootstrapServers());

			JsonNode described = get(stack.ports().control(), "/api/stack");
			assertThat(described.path("processes")).hasSize(9)
				.allSatisfy((process) -> assertThat(process.path("health").asString()).isEqualTo("UP"));

			// One more db-writer: a second member of the "db-writer" consumer group
			JsonNode added = post(stack.ports().control(), "/api/stack/services/db-writer/instances");
			assertThat(added.path("name").asString()).isEqualTo("db-writer-2");
			pids.add(added.path("pid").asLong());
			await().atMost(Duration.ofMinutes(3))
				.ignoreExceptions()
				.untilAsserted(
						() -> assertThat(get(added.path("port").asInt(), "/actuator/health").path("status").asString())
							.isEqualTo("UP"));
		}
		finally {
			stack.stop();
		}
		assertThat(pids).hasSize(10).allSatisfy((pid) -> assertThat(TestStacks.gone(pid)).as("pid %d", pid).isTrue());
		try (var pidFiles = Files.list(data.resolve("run"))) {
			assertThat(pidFiles).isEmpty();
		}
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
