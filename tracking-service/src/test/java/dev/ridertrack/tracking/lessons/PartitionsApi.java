package dev.ridertrack.tracking.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lessons API as the page calls it (operator token, JSON), for the tests of lessons
 * 1, 2, 3 and 9.
 */
final class PartitionsApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

	/**
	 * A request with the operator token. A lesson's action may take tens of seconds on a
	 * busy machine (it waits for groups to settle, for records to arrive), longer than
	 * the test client's default timeout, hence the JDK client with a long one.
	 */
	Response raw(HttpMethod method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.http.getRootUri() + path))
			.header("Authorization", "Bearer test-operator")
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(120))
			.method(method.name(),
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode call(HttpMethod method, String path, String body) {
		Response response = raw(method, path, body);
		assertThat(response.status()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

	record Response(int status, String body) {
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
