package dev.ridertrack.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kafka page's view of a real three-broker cluster, as {@code ./ridertrack up
 * --brokers 3} runs it: stopping a broker moves its partitions' leaders and shrinks their
 * in-sync replicas on {@code /api/v1/kafka/topics/rider-locations}; starting it again
 * grows them back, and the timeline says so.
 */
class KafkaPageThreeBrokersIntegrationTests {

	private static final String OPERATOR = "dev-operator";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void showsLeadersMovingAndTheIsrShrinkingWhenABrokerStopsAndGrowingWhenItIsBack(@TempDir Path data)
			throws Exception {
		assumeTrue(TestStacks.serviceJarsBuilt(),
				"Service jars are not built: run the whole reactor (./mvnw verify), not just local-stack");
		Stack stack = TestStacks.stack(data, "--brokers", "3", "--riders", "0", "--mongo-memory");
		try {
			stack.start();
			int tracking = stack.ports().service("tracking-service");

			JsonNode cluster = await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> get(tracking, "/api/v1/kafka/cluster"), (answer) -> answer.path("brokers").size() == 3);
			assertThat(cluster.path("brokers").valueStream().filter((b) -> b.path("controller").asBoolean()))
				.hasSize(1);
			assertThat(cluster.path("quorum").path("voters")).hasSize(3);

			JsonNode before = get(tracking, "/api/v1/kafka/topics/rider-locations");
			assertThat(before.path("replicationFactor").asInt()).isEqualTo(3);
			assertThat(before.path("partitions")).hasSize(12).allSatisfy((p) -> assertThat(p.path("isr")).hasSize(3));
			List<Integer> ledByTwo = before.path("partitions")
				.valueStream()
				.filter((p) -> p.path("leader").asInt() == 2)
				.map((p) -> p.path("partition").asInt())
				.toList();
			assertThat(ledByTwo).as("broker 2 leads some partitions").isNotEmpty();

			post(stack.ports().control(), "/api/stack/brokers/2/stop");

			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode during = get(tracking, "/api/v1/kafka/topics/rider-locations");
				assertThat(during.path("partitions")).allSatisfy((p) -> {
					assertThat(p.path("leader").asInt()).as("leader of %s", p.path("partition")).isNotEqualTo(2);
					assertThat(p.path("isr").valueStream().map(JsonNode::asInt)).doesNotContain(2).hasSize(2);
					assertThat(p.path("underReplicated").asBoolean()).isTrue();
				});
				assertThat(during.path("underReplicated").asInt()).isEqualTo(12);
				JsonNode brokerTwo = get(tracking, "/api/v1/kafka/cluster").path("brokers")
					.valueStream()
					.filter((b) -> b.path("id").asInt() == 2)
					.findFirst()
					.orElseThrow(() -> new AssertionError("broker 2 is no longer listed"));
				assertThat(brokerTwo.path("up").asBoolean()).isFalse();
			});

			post(stack.ports().control(), "/api/stack/brokers/2/start");

			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode after = get(tracking, "/api/v1/kafka/topics/rider-locations");
				assertThat(after.path("partitions")).allSatisfy((p) -> assertThat(p.path("isr")).hasSize(3));
				assertThat(after.path("underReplicated").asInt()).isZero();
			});
			List<String> kinds = get(tracking, "/api/v1/kafka/timeline?limit=500").path("events")
				.valueStream()
				.map((event) -> event.path("kind").asString())
				.toList();
			assertThat(kinds).contains("BROKER_DOWN", "BROKER_UP", "LEADER_CHANGED", "ISR_SHRUNK", "ISR_EXPANDED");
		}
		finally {
			stack.stop();
		}
	}

	private JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(url(port, path))
			.header("Authorization", "Bearer " + OPERATOR)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void post(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(url(port, path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
	}

	private static URI url(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
