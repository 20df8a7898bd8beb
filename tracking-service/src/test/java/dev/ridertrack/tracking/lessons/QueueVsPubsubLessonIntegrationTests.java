package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lesson 2 over HTTP: after a burst of N records each of the two groups received all N,
 * and inside a group the members' counts add up to N with no record counted twice.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class QueueVsPubsubLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		api().post("queue-vs-pubsub", "reset", null);
		api().post("partitions", "reset", null);
	}

	@Test
	void eachGroupReceivesTheWholeBurstWhileItsMembersShareIt() {
		int n = 200;
		JsonNode started = api().post("queue-vs-pubsub", "start", "{\"consumers\": 2}");
		assertThat(started.get("running").asBoolean()).isTrue();
		// the burst waits for both groups to be stable itself; give it the time a busy
		// machine needs
		JsonNode state = api().post("queue-vs-pubsub", "burst", "{\"records\": " + n + "}");
		JsonNode[] last = { state };
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			last[0] = api().get("queue-vs-pubsub");
			assertThat(PartitionsApi.counter(last[0], "lesson-group received")).isEqualTo(String.valueOf(n));
			assertThat(PartitionsApi.counter(last[0], "lesson-group-b received")).isEqualTo(String.valueOf(n));
		});
		state = last[0];
		assertThat(PartitionsApi.counter(state, "received by two members of lesson-group")).isEqualTo("0");
		assertThat(PartitionsApi.counter(state, "received by two members of lesson-group-b")).isEqualTo("0");
		Map<String, List<Integer>> perGroup = new HashMap<>();
		for (JsonNode row : PartitionsApi.block(state, "table", "Members").get("rows")) {
			perGroup.computeIfAbsent(row.get(0).asString(), (g) -> new ArrayList<>())
				.add(Integer.parseInt(row.get(3).asString()));
		}
		assertThat(perGroup.get("lesson-group")).hasSize(2).allSatisfy((c) -> assertThat(c).isPositive());
		assertThat(perGroup.get("lesson-group").stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
		assertThat(perGroup.get("lesson-group-b")).hasSize(2);
		assertThat(perGroup.get("lesson-group-b").stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
		List<String> narration = PartitionsApi.narration(state);
		assertThat(narration).contains(
				"Both groups received all " + n + " records: publish–subscribe, each group gets the whole stream.");
		System.out.println("LESSON FIGURES: queue-vs-pubsub: burst of " + n + ": lesson-group members "
				+ perGroup.get("lesson-group") + ", lesson-group-b members " + perGroup.get("lesson-group-b")
				+ "; records received by two members of one group: 0");
		narration.stream()
			.filter((line) -> line.startsWith("Sent ") || line.startsWith("Inside "))
			.forEach((line) -> System.out.println("LESSON FIGURES: queue-vs-pubsub: " + line));
	}

	@Test
	void startingTheGroupsStopsLessonOnesConsumersAndKeepsTheTopicItStillUses() throws Exception {
		api().put("partitions", "{\"consumers\": 2}");
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(
					() -> assertThat(PartitionsApi.counter(api().get("partitions"), "group")).isEqualTo("settled"));
		api().post("queue-vs-pubsub", "start", "{\"consumers\": 1}");
		JsonNode partitions = api().get("partitions");
		assertThat(PartitionsApi.counter(partitions, "members now")).isEqualTo("0");
		assertThat(PartitionsApi.narration(partitions))
			.anySatisfy((line) -> assertThat(line).startsWith("Lesson 2 took over lesson-group"));
		// lesson 2's members are the only ones in lesson-group: its burst is shared by
		// two
		JsonNode state = api().post("queue-vs-pubsub", "burst", "{\"records\": 50}");
		assertThat(PartitionsApi.counter(state, "lesson-group received")).isEqualTo("50");
		assertThat(PartitionsApi.counter(state, "lesson-group-b received")).isEqualTo("50");
		// lesson 1 has not been reset: the topic stays when lesson 2 resets
		api().post("queue-vs-pubsub", "reset", null);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()))) {
			assertThat(admin.listTopics().names().get()).contains("lesson-partitions");
			api().post("partitions", "reset", null);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain("lesson-partitions"));
		}
	}

	@Test
	void aBurstBeforeTheGroupsStartIsRefused() {
		assertThat(api()
			.raw(org.springframework.http.HttpMethod.POST, "/api/v1/lessons/queue-vs-pubsub/burst", "{\"records\": 10}")
			.status()).isEqualTo(400);
	}

	private PartitionsApi api() {
		return new PartitionsApi(this.http);
	}

}
