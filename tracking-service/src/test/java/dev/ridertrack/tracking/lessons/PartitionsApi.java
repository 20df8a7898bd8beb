package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lessons API as the page calls it (operator token, JSON), for the tests of lessons
 * 1, 2, 3 and 9.
 */
final class PartitionsApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestRestTemplate http;

	PartitionsApi(TestRestTemplate http) {
		this.http = http;
	}

	JsonNode get(String lesson) {
		return call(HttpMethod.GET, "/api/v1/lessons/" + lesson, null);
	}

	JsonNode put(String lesson, String body) {
		return call(HttpMethod.PUT, "/api/v1/lessons/" + lesson, body);
	}

	JsonNode post(String lesson, String action, String body) {
		return call(HttpMethod.POST, "/api/v1/lessons/" + lesson + "/" + action, body);
	}

	ResponseEntity<String> raw(HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private JsonNode call(HttpMethod method, String path, String body) {
		ResponseEntity<String> response = raw(method, path, body);
		assertThat(response.getStatusCode().is2xxSuccessful()).as("%s %s: %s", method, path, response.getBody())
			.isTrue();
		return JSON.readTree(response.getBody());
	}

	/**
	 * The view block of a type with a title that starts with a text.
	 */
	static JsonNode block(JsonNode state, String type, String titleStart) {
		for (JsonNode block : state.get("view")) {
			if (block.get("type").asString().equals(type) && block.get("title").asString().startsWith(titleStart)) {
				return block;
			}
		}
		throw new AssertionError("no " + type + " block titled '" + titleStart + "...' in " + state);
	}

	/**
	 * A counter's value by its label, from any counters block.
	 */
	static String counter(JsonNode state, String label) {
		for (JsonNode block : state.get("view")) {
			if (block.get("type").asString().equals("counters")) {
				for (JsonNode item : block.get("items")) {
					if (item.get("label").asString().equals(label)) {
						return item.get("value").asString();
					}
				}
			}
		}
		throw new AssertionError("no counter '" + label + "' in " + state);
	}

	static List<String> narration(JsonNode state) {
		List<String> lines = new ArrayList<>();
		state.get("narration").forEach((line) -> lines.add(line.asString()));
		return lines;
	}

}
