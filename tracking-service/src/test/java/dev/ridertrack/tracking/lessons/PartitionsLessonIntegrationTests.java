package dev.ridertrack.tracking.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lesson 1 over HTTP: each consumer count gives the textbook assignment, the fifth
 * consumer is named idle, and Kafka's own {@code kafka-consumer-groups --describe
 * --members --verbose} reports the same members with the same partitions as the page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class PartitionsLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	PartitionsApi api;

	@AfterEach
	void reset() {
		api().post("partitions", "reset", null);
	}

	@Test
	void everyConsumerCountGetsItsAssignmentAndKafkasOwnToolAgrees() throws Exception {
		Map<Integer, List<Integer>> expectedSizes = Map.of(1, List.of(4), 2, List.of(2, 2), 3, List.of(1, 1, 2), 4,
				List.of(1, 1, 1, 1), 5, List.of(0, 1, 1, 1, 1));
		List<String> figures = new ArrayList<>();
		for (int n : List.of(1, 2, 3, 4, 5, 0)) {
			api().put("partitions", "{\"consumers\": " + n + "}");
			JsonNode state = awaitSettled(n);
			Map<String, Set<Integer>> page = pageAssignment(state);
			assertThat(page).hasSize(n);
			if (n > 0) {
				assertThat(page.values().stream().map(Set::size).sorted().toList()).isEqualTo(expectedSizes.get(n));
				Set<Integer> all = new TreeSet<>();
				page.values().forEach(all::addAll);
				assertThat(all).containsExactly(0, 1, 2, 3);
			}
			String cli = consumerGroupsDescribe();
			if (n == 0) {
				assertThat(cli).contains("has no active members");
			}
			else {
				assertThat(cliAssignment(cli)).as(cli).isEqualTo(page);
			}
			if (n == 5) {
				JsonNode idle = idleMembers(state);
				assertThat(idle).hasSize(1);
				String name = idle.get(0).get("name").asString();
				assertThat(page.get(name)).isEmpty();
				assertThat(PartitionsApi.narration(state))
					.anySatisfy((line) -> assertThat(line).startsWith(name + " has no partition: 4 partitions, 5"));
			}
			else {
				assertThat(idleMembers(state)).isEmpty();
			}
			List<String> narration = PartitionsApi.narration(state);
			String settled = narration.stream()
				.filter((line) -> line.startsWith("lesson-group went from"))
				.reduce((a, b) -> b)
				.orElseThrow();
			figures.add(n + " consumers: " + settled);
		}
		JsonNode end = api().get("partitions");
		JsonNode rebalances = PartitionsApi.block(end, "table", "Rebalances");
		List<String> settleTimes = new ArrayList<>();
		rebalances.get("rows").forEach((row) -> settleTimes.add(row.get(0).asString() + " " + row.get(1).asString()));
		System.out.println("LESSON FIGURES: partitions: settle time per step (members before → after, from the"
				+ " change to the last member's assignment): " + String.join("; ", settleTimes));
		figures.forEach((line) -> System.out.println("LESSON FIGURES: partitions: " + line));
		assertThat(Long.parseLong(PartitionsApi.counter(end, "records received"))).isPositive();
	}

	@Test
	void rejectsAConsumerCountOutsideZeroToFive() {
		assertThat(api().raw(HttpMethod.PUT, "/api/v1/lessons/partitions", "{\"consumers\": 6}").status())
			.isEqualTo(400);
		assertThat(api().raw(HttpMethod.PUT, "/api/v1/lessons/partitions", "{\"consumers\": \"two\"}").status())
			.isEqualTo(400);
	}

	@Test
	void resetDeletesTheLessonTopic() throws Exception {
		api().put("partitions", "{\"consumers\": 1}");
		awaitSettled(1);
		api().post("partitions", "reset", null);
		JsonNode state = api().get("partitions");
		assertThat(state.get("running").asBoolean()).isFalse();
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain("lesson-partitions"));
		}
	}

	private PartitionsApi api() {
		if (this.api == null) {
			this.api = new PartitionsApi(this.http);
		}
		return this.api;
	}

	private JsonNode awaitSettled(int n) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			JsonNode state = api().get("partitions");
			last[0] = state;
			assertThat(PartitionsApi.counter(state, "members now")).isEqualTo(String.valueOf(n));
			assertThat(PartitionsApi.counter(state, "group")).isEqualTo("settled");
		});
		return last[0];
	}

	private static Map<String, Set<Integer>> pageAssignment(JsonNode state) {
		Map<String, Set<Integer>> result = new TreeMap<>();
		for (JsonNode member : PartitionsApi.block(state, "assignment", "Who reads").get("members")) {
			Set<Integer> partitions = new TreeSet<>();
			member.get("partitions").forEach((p) -> partitions.add(p.asInt()));
			result.put(member.get("name").asString(), partitions);
		}
		return result;
	}

	private static JsonNode idleMembers(JsonNode state) {
		tools.jackson.databind.node.ArrayNode idle = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		for (JsonNode member : PartitionsApi.block(state, "assignment", "Who reads").get("members")) {
			if (member.get("idle").asBoolean()) {
				idle.add(member);
			}
		}
		return idle;
	}

	/**
	 * Runs Kafka's {@code ConsumerGroupCommand} ({@code kafka-consumer-groups.sh}) in its
	 * own JVM, as a learner would from a shell, and returns what it printed.
	 */
	private static String consumerGroupsDescribe() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				"org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
				Infrastructure.kafkaBootstrapServers(), "--describe", "--group", "lesson-group", "--members",
				"--verbose");
		builder.redirectErrorStream(true);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		System.out.println("kafka-consumer-groups --describe --group lesson-group --members --verbose:\n" + text);
		return text;
	}

	/**
	 * Each member's partitions as the tool prints them: the CLIENT-ID column (the
	 * lesson's member name) and the current assignment, which Kafka 4.2 prints as
	 * {@code lesson-partitions:0,1} under {@code --verbose} ({@code -} for none) and
	 * earlier versions as {@code lesson-partitions(0,1)}.
	 */
	static Map<String, Set<Integer>> cliAssignment(String cli) {
		Map<String, Set<Integer>> result = new TreeMap<>();
		Pattern assignment = Pattern.compile("lesson-partitions(?::|\\()([0-9,]+)");
		for (String line : cli.split("\\R")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length < 5 || !columns[0].equals("lesson-group")) {
				continue;
			}
			Set<Integer> partitions = new TreeSet<>();
			Matcher matcher = assignment.matcher(line);
			if (matcher.find() && !matcher.group(1).isEmpty()) {
				for (String p : matcher.group(1).split(",")) {
					partitions.add(Integer.parseInt(p));
				}
			}
			result.put(columns[3], partitions);
		}
		return result;
	}

}
