package dev.ridertrack.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API's answers that need no running process: its route list, and the
 * refusals of the routes the lessons use (kill, remove an instance, the database).
 */
class ControlApiTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ControlApi api;

	private int port;

	@BeforeEach
	void start(@TempDir Path data) {
		this.api = new ControlApi(TestStacks.stack(data), () -> {
		});
		this.port = Ports.freePort();
		this.api.start(this.port);
	}

	@AfterEach
	void stop() {
		this.api.stop();
	}

	@Test
	void listsEveryRouteWhenAskedForOneThatIsNotThere() throws Exception {
		HttpResponse<String> response = send("GET", "/api/stack/nothing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(response.body()).path("try").valueStream().map(JsonNode::asString))
			.containsExactly("GET /api/stack", "GET /api/stack/events", "POST /api/stack/services/{name}/instances",
					"DELETE /api/stack/services/{name}/instances",
					"POST /api/stack/services/{name}/{instance}/stop|start|kill",
					"POST /api/stack/brokers/{id}/stop|start|kill",
					"POST /api/stack/infrastructure/{mongo|redis}/stop|start|kill", "POST /api/stack/shutdown");
	}

	@Test
	void refusesToRemoveAServicesFirstInstance() throws Exception {
		HttpResponse<String> response = send("DELETE", "/api/stack/services/db-writer/instances");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("db-writer has only its first instance");
	}

	@Test
	void saysWhichBrokerOrProcessItDoesNotHave() throws Exception {
		assertThat(send("POST", "/api/stack/brokers/9/kill").body()).contains("No broker 9");
		HttpResponse<String> mongo = send("POST", "/api/stack/infrastructure/mongo/stop");
		assertThat(mongo.statusCode()).isEqualTo(404);
		assertThat(mongo.body()).contains("No process mongo started by this stack");
	}

	@Test
	void describesWhetherMongoDbKeepsItsDataInMemory() throws Exception {
		HttpResponse<String> response = send("GET", "/api/stack");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("mongoInMemory").isBoolean()).isTrue();
	}

	@Test
	void servesTheCrashesAndRestartsForATimeline() throws Exception {
		HttpResponse<String> response = send("GET", "/api/stack/events");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("events").isArray()).isTrue();
	}

	@Test
	void describesEachProcesssRestartsBesideWhatTheLessonsRead(@TempDir Path data) {
		ManagedProcess process = new ManagedProcess("db-writer-2", ManagedProcess.Kind.SERVICE, "db-writer", 2, 8084,
				java.util.List.of("true"), java.util.Map.of(), data, new Console(System.out, false), () -> true);
		process.restarts().crashed(java.time.Instant.parse("2026-12-05T21:00:00Z"), false);
		process.restarts().restarted(java.time.Instant.parse("2026-12-05T21:00:01Z"));
		process.restarts().readyAgain(java.time.Instant.parse("2026-12-05T21:00:21.5Z"));
		assertThat(ControlApi.describe(process))
			.containsKeys("name", "kind", "service", "instance", "pid", "port", "state", "uptimeSeconds", "health",
					"exitCode", "log")
			.containsEntry("restarts", 1)
			.containsEntry("lastCrashAt", "2026-12-05T21:00:00Z")
			.containsEntry("lastRestartAt", "2026-12-05T21:00:01Z")
			.containsEntry("lastDowntimeSeconds", 21.5)
			.containsEntry("gaveUp", false);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
