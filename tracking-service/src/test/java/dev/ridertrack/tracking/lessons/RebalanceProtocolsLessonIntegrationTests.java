package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class RebalanceProtocolsLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		call("/api/v1/lessons/rebalance-protocols/reset");
	}

	@Test
	void theEagerClassicGroupRevokesEveryPartitionWhileTheConsumerProtocolRevokesOnlyTheMovedOnes() {
		assertThat(call("/api/v1/lessons/rebalance-protocols/start").getStatusCode()).isEqualTo(HttpStatus.OK);

		ResponseEntity<JsonNode> grown = call("/api/v1/lessons/rebalance-protocols/grow");

		assertThat(grown.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode state = grown.getBody();
		state.get("narration").forEach((line) -> System.out.println("  " + line.asString()));
		for (String group : List.of("lesson-classic", "lesson-consumer")) {
			JsonNode assignment = block(state, "assignment", group + " (");
			List<Integer> owned = new ArrayList<>();
			assertThat(assignment.get("members")).as(group + " members").hasSize(3);
			for (JsonNode member : assignment.get("members")) {
				assertThat(member.get("partitions")).as(member.get("name").asString()).isNotEmpty();
				member.get("partitions").forEach((p) -> owned.add(p.asInt()));
			}
			assertThat(owned).as(group + ": disjoint, covering every partition")
				.containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
		}
		Map<String, String> side = new HashMap<>();
		JsonNode table = block(state, "table", "2 → 3 members");
		for (JsonNode row : table.get("rows")) {
			side.put(row.get(0).asString() + "/classic", row.get(1).asString());
			side.put(row.get(0).asString() + "/consumer", row.get(2).asString());
		}
		System.out.println("LESSON FIGURES: classic paused " + side.get("whole group stopped (longest gap, ms)/classic")
				+ " ms, moved " + side.get("partitions moved/classic") + "; consumer paused "
				+ side.get("whole group stopped (longest gap, ms)/consumer") + " ms, moved "
				+ side.get("partitions moved/consumer") + " (longest stop of one partition: classic "
				+ side.get("any one partition stopped (longest gap, ms)/classic") + " ms, consumer "
				+ side.get("any one partition stopped (longest gap, ms)/consumer")
				+ " ms; every partition consuming again " + side.get("join → every partition consuming (ms)/classic")
				+ " ms / " + side.get("join → every partition consuming (ms)/consumer") + " ms after the join)");

		// what the protocols guarantee: eager revokes everything an original member had,
		// KIP-848 revokes exactly what moves away from it
		JsonNode callbacks = block(state, "table", "Rebalance callbacks");
		int classicOriginals = 0;
		int consumerOriginals = 0;
		for (JsonNode row : callbacks.get("rows")) {
			Set<Integer> before = set(row.get(2).asString());
			Set<Integer> revoked = set(row.get(3).asString());
			Set<Integer> now = set(row.get(5).asString());
			if (before.isEmpty()) {
				continue;
			}
			if (row.get(0).asString().equals("lesson-classic")) {
				classicOriginals++;
				assertThat(revoked).as("classic eager: %s revoked everything it had", row.get(1).asString())
					.isEqualTo(before);
			}
			else {
				consumerOriginals++;
				Set<Integer> movedAway = new TreeSet<>(before);
				movedAway.removeAll(now);
				assertThat(revoked).as("KIP-848: %s revoked only what moved away", row.get(1).asString())
					.isEqualTo(movedAway);
				assertThat(now).as("KIP-848: %s kept partitions", row.get(1).asString()).isNotEmpty();
			}
		}
		assertThat(classicOriginals).isEqualTo(2);
		assertThat(consumerOriginals).isEqualTo(2);
		assertThat(side.get("partitions moved/consumer")).isNotEqualTo("none");
	}

	private static Set<Integer> set(String text) {
		Set<Integer> set = new TreeSet<>();
		String inner = text.replace("[", "").replace("]", "").trim();
		if (!inner.isEmpty()) {
			for (String part : inner.split(",")) {
				set.add(Integer.parseInt(part.trim()));
			}
		}
		return set;
	}

	private static JsonNode block(JsonNode state, String type, String titlePrefix) {
		for (JsonNode block : state.get("view")) {
			if (block.get("type").asString().equals(type) && block.get("title").asString().startsWith(titlePrefix)) {
				return block;
			}
		}
		throw new AssertionError("no " + type + " block titled " + titlePrefix + "… in " + state);
	}

	private ResponseEntity<JsonNode> call(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, HttpMethod.POST, new HttpEntity<>(null, headers), JsonNode.class);
	}

}
