package dev.ridertrack.tracking.lessons;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's control API, the load generator's control API and db-writer's count,
 * as the lessons that control processes call them. Every call is a real HTTP request to a
 * real process; a failure is a 409 problem that says what did not answer.
 */
@Component
class StackControl {

	private static final String HOST = "127.0.0.1";

	private final StackControlProperties properties;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	StackControl(StackControlProperties properties) {
		this.properties = properties;
	}

	boolean available() {
		return this.properties.hasStack();
	}

	/**
	 * Why a lesson cannot run here, or {@code null} when it can.
	 * @return the reason
	 */
	String unavailableReason() {
		return available() ? null
				: "This lesson starts and stops real processes through the local stack's control API, and this "
						+ "tracking-service was not started by ./ridertrack up (ridertrack.lessons.stack-url is not set). "
						+ "Run ./ridertrack up --brokers 3, or do it by hand with the command shown.";
	}

	void requireAvailable(String byHand) {
		if (!available()) {
			throw LessonProblem.unavailable(unavailableReason() + " By hand: " + byHand);
		}
	}

	List<Proc> processes() {
		JsonNode body = call("GET", "/api/stack");
		List<Proc> processes = new ArrayList<>();
		body.path("processes").forEach((p) -> processes.add(proc(p)));
		return processes;
	}

	/**
	 * What the stack's supervisor did lately: crashes, restarts, recoveries, crash loops
	 * given up on.
	 * @return the events, oldest first
	 */
	List<StackEvent> events() {
		List<StackEvent> events = new ArrayList<>();
		call("GET", "/api/stack/events").path("events").forEach((e) -> {
			JsonNode time = e.path("time");
			Instant at = time.isNumber() ? Instant.ofEpochMilli((long) (time.asDouble() * 1000))
					: Instant.parse(time.asString());
			events.add(new StackEvent(at, e.path("kind").asString(), e.path("process").asString(),
					e.path("text").asString()));
		});
		return events;
	}

	/** One thing the stack's supervisor did to a process. */
	record StackEvent(Instant time, String kind, String process, String text) {
	}

	boolean mongoInMemory() {
		return call("GET", "/api/stack").path("mongoInMemory").asBoolean(false);
	}

	List<Proc> instances(String service) {
		return processes().stream().filter((p) -> p.kind().equals("service") && p.service().equals(service)).toList();
	}

	List<Proc> running(String service) {
		return instances(service).stream().filter(Proc::alive).toList();
	}

	Proc addInstance(String service) {
		return proc(call("POST", "/api/stack/services/" + service + "/instances"));
	}

	Proc removeInstance(String service) {
		return proc(call("DELETE", "/api/stack/services/" + service + "/instances"));
	}

	Proc instance(String service, int instance, String action) {
		return proc(call("POST", "/api/stack/services/" + service + "/" + instance + "/" + action));
	}

	Proc broker(int id, String action) {
		return proc(call("POST", "/api/stack/brokers/" + id + "/" + action));
	}

	Proc infrastructure(String name, String action) {
		return proc(call("POST", "/api/stack/infrastructure/" + name + "/" + action));
	}

	/**
	 * The load generator's figures.
	 * @return them, empty when it does not answer
	 */
	Optional<Load> load() {
		return running("load-generator").stream().findFirst().flatMap((p) -> {
			try {
				JsonNode s = send("GET", URI.create("http://" + HOST + ":" + p.port() + "/api/v1/status"), null);
				return Optional.of(new Load(s.path("running").asBoolean(), s.path("fixesSent").asLong(),
						s.path("fixesFailed").asLong(), s.path("errors").asLong(), s.path("activeRiders").asInt(),
						s.path("achievedFixesPerSecond").asDouble()));
			}
			catch (RuntimeException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * A spike of the load generator's traffic: {@code factor} times the riders for
	 * {@code seconds}, starting now.
	 */
	void spike(int factor, int seconds) {
		Proc generator = running("load-generator").stream()
			.findFirst()
			.orElseThrow(() -> LessonProblem.unavailable("The load generator is not running"));
		send("POST", URI.create("http://" + HOST + ":" + generator.port() + "/api/v1/scenario"),
				"{\"type\":\"spike\",\"spikeFactor\":" + factor + ",\"spikeAfter\":\"0s\",\"spikeFor\":\"" + seconds
						+ "s\"}");
	}

	/**
	 * Stops or starts the load generator's city.
	 * @param start true to start it
	 * @return whether it answered with a success (false: it was already so)
	 */
	boolean load(boolean start) {
		Proc generator = running("load-generator").stream()
			.findFirst()
			.orElseThrow(() -> LessonProblem.unavailable("The load generator is not running"));
		try {
			send("POST",
					URI.create("http://" + HOST + ":" + generator.port() + "/api/v1/" + (start ? "start" : "stop")),
					null);
			return true;
		}
		catch (LessonProblem ex) {
			return false;
		}
	}

	/**
	 * Documents in db-writer's history, asked of a running instance.
	 * @return the count
	 */
	long documents() {
		Proc writer = running("db-writer").stream()
			.filter(Proc::healthy)
			.findFirst()
			.orElseThrow(() -> LessonProblem.unavailable("No db-writer instance is up to count its documents"));
		return send("GET", URI.create("http://" + HOST + ":" + writer.port() + "/api/v1/history/count"), null)
			.path("fixes")
			.asLong();
	}

	/**
	 * Fixes db-writer found already stored (duplicate keys), summed over its running
	 * instances: records delivered again after a crash or a replay.
	 * @return the sum
	 */
	long duplicates() {
		return duplicates(null);
	}

	/**
	 * The same, leaving out one instance (one about to be killed: its figure dies with
	 * it).
	 */
	long duplicates(String except) {
		long sum = 0;
		for (Proc writer : running("db-writer")) {
			if (writer.name().equals(except)) {
				continue;
			}
			try {
				sum += (long) send("GET",
						URI.create("http://" + HOST + ":" + writer.port()
								+ "/actuator/metrics/ridertrack.dbwriter.fixes.duplicates"),
						null)
					.path("measurements")
					.path(0)
					.path("value")
					.asDouble();
			}
			catch (RuntimeException ex) {
				// an instance still starting has no figure yet
			}
		}
		return sum;
	}

	private JsonNode call(String method, String path) {
		if (!available()) {
			throw LessonProblem.unavailable(unavailableReason());
		}
		return send(method, URI.create(this.properties.stackUrl().toString().replaceAll("/+$", "") + path), null);
	}

	private JsonNode send(String method, URI uri, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(45));
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode answer = response.body().isBlank() ? this.json.createObjectNode()
					: this.json.readTree(response.body());
			if (response.statusCode() >= 300) {
				throw LessonProblem.unavailable(method + " " + uri.getPath() + " answered " + response.statusCode()
						+ ": " + answer.path("error").asString(answer.path("detail").asString(response.body())));
			}
			return answer;
		}
		catch (IOException ex) {
			throw LessonProblem.unavailable(uri.getHost() + ":" + uri.getPort() + " did not answer: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw LessonProblem.unavailable("Interrupted");
		}
	}

	private static Proc proc(JsonNode p) {
		return new Proc(p.path("name").asString(), p.path("kind").asString(), p.path("service").asString(),
				p.path("instance").asInt(), p.path("pid").asLong(0), p.path("port").asInt(), p.path("state").asString(),
				p.path("health").asString(), p.path("exitCode").isNull() ? null : p.path("exitCode").asInt());
	}

	/**
	 * One process of the stack.
	 *
	 * @param name e.g. {@code db-writer-2}
	 * @param kind broker, redis, mongo or service
	 * @param state starting, running, stopping, stopped or failed
	 * @param health UP, DOWN or UNKNOWN
	 * @param exitCode its exit code once it has gone (137 after a kill -9)
	 */
	record Proc(String name, String kind, String service, int instance, long pid, int port, String state, String health,
			Integer exitCode) {

		boolean alive() {
			return this.state.equals("starting") || this.state.equals("running");
		}

		boolean healthy() {
			return this.health.equals("UP");
		}

	}

	/**
	 * The load generator's figures.
	 *
	 * @param sent fixes Kafka acknowledged
	 * @param failed fixes that failed
	 */
	record Load(boolean running, long sent, long failed, long errors, int riders, double fixesPerSecond) {
	}

}
