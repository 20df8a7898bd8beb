package dev.ridertrack.tracking.lessons;

import java.util.List;
import java.util.Map;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * Without the local stack (docker compose, or this test on the embedded broker) the
 * lessons that control processes say they are not available here, give the compose
 * command that does the same by hand, and refuse their actions with 409.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class StackControlLessonsUnavailableIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@ParameterizedTest
	@CsvSource({ "scale, 4, add, docker compose up -d --scale db-writer=3",
			"consumer-crash, 5, crash, docker compose kill -s SIGKILL db-writer",
			"broker-failure, 6, kill, docker compose kill kafka-2",
			"buffer, 7, stop-database, docker compose stop mongo",
			"replay, 8, replay-earliest, --reset-offsets --to-earliest",
			"autoscaler, 14, on, docker compose up -d --scale db-writer=N" })
	void saysNotAvailableHereWithTheComposeCommandAndRefusesItsActions(String id, int number, String action,
			String command) {
		ResponseEntity<JsonNode> state = exchange(HttpMethod.GET, "/api/v1/lessons/" + id, null);
		assertThat(state.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode lesson = state.getBody();
		assertThat(lesson.path("number").asInt()).isEqualTo(number);
		assertThat(lesson.path("available").asBoolean()).isFalse();
		assertThat(lesson.path("unavailable").asString()).contains("./ridertrack up");
		assertThat(lesson.path("byHand").asString()).contains(command);
		assertThat(lesson.path("actions").valueStream().map((a) -> a.path("id").asString())).contains(action);

		ResponseEntity<JsonNode> refused = exchange(HttpMethod.POST, "/api/v1/lessons/" + id + "/" + action,
				Map.of("service", "db-writer"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().path("detail").asString()).contains("./ridertrack up").contains(command);
	}

	@ParameterizedTest
	@CsvSource({ "scale", "consumer-crash", "broker-failure", "buffer", "replay", "autoscaler" })
	void resetsWithoutAStackAndStaysUnavailable(String id) {
		ResponseEntity<JsonNode> reset = exchange(HttpMethod.POST, "/api/v1/lessons/" + id + "/reset", null);
		assertThat(reset.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(reset.getBody().path("available").asBoolean()).isFalse();
		assertThat(reset.getBody().path("running").asBoolean()).isFalse();
		assertThat(reset.getBody().path("narration")).isEmpty();
	}

	private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
