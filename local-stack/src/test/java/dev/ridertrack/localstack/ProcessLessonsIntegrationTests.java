package dev.ridertrack.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lessons 4–8 and 14 of the tour on one real three-broker stack, driven through
 * tracking-service's lessons API as the page drives them: each asserts what a learner
 * would see happen and prints the figures it measured ({@code LESSON FIGURES:}). Sessions
 * time out after 10 s here (45 s by default) so the crash is noticed sooner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessLessonsIntegrationTests {

	private static final String OPERATOR = "dev-operator";

	private static final Pattern NUMBER = Pattern.compile("([\\d,]+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private Path data;

	private Stack stack;

	private int tracking;

	@BeforeAll
	void startStack() throws Exception {
		assumeTrue(TestStacks.serviceJarsBuilt(),
				"Service jars are not built: ./mvnw -B -ntp -pl local-stack -am package -DskipTests first");
		this.data = Files.createTempDirectory("process-lessons");
		this.stack = TestStacks.stack(this.data, "--brokers", "3", "--riders", "200", "--jvm-opts",
				"-Dspring.kafka.consumer.properties.session.timeout.ms=10000 "
						+ "-Dspring.kafka.consumer.properties.heartbeat.interval.ms=2000 "
						+ "-Dridertrack.lessons.autoscaler-interval=2s -Dridertrack.lessons.autoscaler-quiet=10s "
						+ "-Dridertrack.lessons.autoscaler-cooldown=10s "
						+ "-Dridertrack.lessons.autoscaler-near-zero=5000");
		this.stack.start();
		this.tracking = this.stack.ports().service("tracking-service");
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			JsonNode group = get("/api/v1/kafka/groups/db-writer");
			return processes(group).equals(List.of("db-writer")) && group.path("state").asString().equals("STABLE")
					&& get("/api/v1/lessons/scale").path("available").asBoolean();
		});
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.stop();
		}
	}

	@Test
	@Order(1)
	void scalingDbWriterUpGivesTheNewMemberPartitions() throws Exception {
		post("/api/v1/lessons/scale/add", "{\"service\":\"db-writer\"}");
		awaitNarration("scale", "went from 1 to 2 instances", Duration.ofMinutes(4));
		JsonNode lesson = awaitNarration("scale", "Lag ", Duration.ofMinutes(2));
		JsonNode group = get("/api/v1/kafka/groups/db-writer");
		assertThat(processes(group)).containsExactly("db-writer", "db-writer-2");
		for (String process : List.of("db-writer", "db-writer-2")) {
			assertThat(group.path("members")
				.valueStream()
				.filter((m) -> m.path("process").asString().equals(process))
				.flatMap((m) -> m.path("assignment").valueStream())
				.filter((a) -> a.path("topic").asString().equals("rider-locations")))
				.as("%s owns partitions of rider-locations", process)
				.isNotEmpty();
		}
		figures("scale +1", lesson);
	}

	@Test
	@Order(2)
	void aCrashedDbWriterLeavesDocumentsEqualToFixesOnTheTopic() throws Exception {
		post("/api/v1/lessons/consumer-crash/crash", "{}");
		JsonNode lesson = awaitNarration("consumer-crash", "documents in MongoDB", Duration.ofMinutes(5));
		assertThat(line(lesson, "kill -9")).contains("exit code 137");
		assertThat(line(lesson, "The coordinator noticed after")).contains("partition");
		assertThat(line(lesson, "documents in MongoDB")).contains("lag 0").contains(": equal");
		figures("consumer crash", lesson);
	}

	@Test
	@Order(3)
	void mongoAwayTwentySecondsLetsLagGrowThenDrainWithDocumentsEqualToFixes() throws Exception {
		post("/api/v1/lessons/buffer/stop-database", "{\"seconds\":\"20\"}");
		JsonNode lesson = awaitNarration("buffer", "documents in MongoDB", Duration.ofMinutes(5));
		assertThat(firstNumberAfter(line(lesson, "lag grew to"), "lag grew to")).isPositive();
		assertThat(line(lesson, "db-writer caught up")).isNotNull();
		assertThat(line(lesson, "documents in MongoDB")).contains("lag 0").contains(": equal");
		figures("buffer (MongoDB away 20 s)", lesson);
	}

	@Test
	@Order(4)
	void replayingDbWriterFromTheEarliestDoesNotGrowTheCollection() throws Exception {
		post("/api/v1/lessons/replay/replay-earliest", "{\"service\":\"db-writer\"}");
		JsonNode lesson = awaitNarration("replay", "Documents before the replay", Duration.ofMinutes(6));
		assertThat(firstNumberAfter(line(lesson, "records to read again"), "offsets: ")).isPositive();
		assertThat(line(lesson, "documents in MongoDB")).contains("lag 0").contains(": equal");
		figures("replay db-writer to earliest", lesson);
	}

	@Test
	@Order(5)
	void aKilledBrokerMovesLeadersAndLosesNothingAcknowledged() throws Exception {
		int generator = this.stack.ports().service("load-generator");
		postTo(generator, "/api/v1/stop", "");
		long onTopicBefore = recordsOnTopic();
		postTo(generator, "/api/v1/start", "");

		post("/api/v1/lessons/broker-failure/kill", "{\"broker\":2}");
		JsonNode killed = awaitNarration("broker-failure", "more fixes acknowledged", Duration.ofMinutes(3));
		assertThat(line(killed, "the leaders moved")).contains("to two brokers");
		assertThat(firstNumberAfter(line(killed, "more fixes acknowledged"), "had ")).isPositive();
		post("/api/v1/lessons/broker-failure/kill", "{\"broker\":3}");
		JsonNode twoDown = awaitNarration("broker-failure", "Probe write", Duration.ofMinutes(2));
		assertThat(line(twoDown, "Probe write")).contains("NOT_ENOUGH_REPLICAS");
		post("/api/v1/lessons/broker-failure/start", "{\"broker\":3}");
		awaitNarration("broker-failure", "broker 3 caught up", Duration.ofMinutes(4));
		post("/api/v1/lessons/broker-failure/start", "{\"broker\":2}");
		JsonNode back = awaitNarration("broker-failure", "broker 2 caught up", Duration.ofMinutes(4));
		assertThat(line(back, "broker 2 caught up")).contains("0 under-replicated partitions");

		JsonNode summary = postTo(generator, "/api/v1/stop", "");
		long acknowledged = summary.path("fixesSent").asLong();
		long failed = summary.path("fixesFailed").asLong();
		long onTopic = recordsOnTopic() - onTopicBefore;
		postTo(generator, "/api/v1/start", "");
		assertThat(acknowledged).isPositive();
		assertThat(onTopic).as("every acknowledged fix is on the topic").isBetween(acknowledged, acknowledged + failed);
		figures("broker failure", back);
		System.out.printf("LESSON FIGURES: broker failure: acknowledged %d, failed %d, on the topic %d%n", acknowledged,
				failed, onTopic);
	}

	@Test
	@Order(6)
	void theAutoscalerRemovesAnIdleInstanceAndSaysWhyOnTheTimeline() throws Exception {
		Instant since = Instant.now();
		int told = get("/api/v1/lessons/scale").path("narration").size();
		post("/api/v1/lessons/scale/add", "{\"service\":\"db-writer\"}");
		await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.until(() -> get("/api/v1/lessons/scale").path("narration")
				.valueStream()
				.skip(told)
				.anyMatch((l) -> l.asString().contains("to 2 instances")));
		put("/api/v1/lessons/autoscaler", "{\"enabled\":true}");
		JsonNode event = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> get("/api/v1/kafka/timeline?limit=500").path("events")
				.valueStream()
				.filter((e) -> e.path("kind").asString().equals("AUTOSCALER"))
				.filter((e) -> Instant.parse(e.path("time").asString()).isAfter(since))
				.findFirst()
				.orElse(null), (found) -> found != null);
		assertThat(event.path("subject").asString()).isEqualTo("db-writer");
		assertThat(event.path("text").asString()).contains("Autoscaler stopped db-writer-")
			.contains("lag has stayed at or below");
		JsonNode lesson = put("/api/v1/lessons/autoscaler", "{\"enabled\":false}");
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> processes(get("/api/v1/kafka/groups/db-writer")).size() == 1);
		figures("autoscaler", lesson);
	}

	private static List<String> processes(JsonNode group) {
		return group.path("members")
			.valueStream()
			.map((m) -> m.path("process").asString())
			.distinct()
			.sorted()
			.toList();
	}

	private long recordsOnTopic() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, 12)
				.boxed()
				.collect(Collectors.toMap((p) -> new TopicPartition("rider-locations", p), (p) -> OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest)
				.all()
				.get(60, TimeUnit.SECONDS);
			return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
		}
	}

	/**
	 * Waits until the lesson has said something containing the text and finished its
	 * action (a lesson takes one action at a time).
	 */
	private JsonNode awaitNarration(String lesson, String text, Duration timeout) {
		return await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
			JsonNode state = get("/api/v1/lessons/" + lesson);
			String failure = state.path("narration")
				.valueStream()
				.map(JsonNode::asString)
				.filter((l) -> l.contains("did not finish"))
				.findFirst()
				.orElse(null);
			assertThat(failure).as("lesson %s failed", lesson).isNull();
			return state;
		}, (state) -> line(state, text) != null && !state.path("running").asBoolean());
	}

	private static String line(JsonNode lesson, String text) {
		return lesson.path("narration")
			.valueStream()
			.map(JsonNode::asString)
			.filter((l) -> l.contains(text))
			.reduce((first, second) -> second)
			.orElse(null);
	}

	private static long firstNumberAfter(String line, String marker) {
		assertThat(line).isNotNull().contains(marker);
		Matcher matcher = NUMBER.matcher(line.substring(line.indexOf(marker) + marker.length()));
		assertThat(matcher.find()).as(line).isTrue();
		return Long.parseLong(matcher.group(1).replace(",", ""));
	}

	private static void figures(String what, JsonNode lesson) {
		List<String> lines = lesson.path("narration").valueStream().map(JsonNode::asString).toList();
		lines.forEach((l) -> System.out.println("LESSON FIGURES: " + what + ": " + l));
	}

	private JsonNode get(String path) throws Exception {
		return send(this.tracking, "GET", path, null);
	}

	private JsonNode post(String path, String body) throws Exception {
		return send(this.tracking, "POST", path, body);
	}

	private JsonNode put(String path, String body) throws Exception {
		return send(this.tracking, "PUT", path, body);
	}

	private JsonNode postTo(int port, String path, String body) throws Exception {
		return send(port, "POST", path, body);
	}

	private JsonNode send(int port, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + OPERATOR)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60));
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body().isBlank() ? this.json.createObjectNode() : this.json.readTree(response.body());
	}

}
