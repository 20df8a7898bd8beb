package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import static org.awaitility.Awaitility.await;

/**
 * The Kafka page's API against the real embedded broker, over real HTTP. The broker is
 * shared by the whole test JVM: every topic and group here has a random suffix.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.kafka-page.poll-interval=500ms", "ridertrack.kafka-page.status-window=4",
				"ridertrack.kafka-page.slow-refresh=2s" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class KafkaPageIntegrationTests {

	private static Admin admin;

	private static KafkaProducer<String, String> producer;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final java.util.Deque<AutoCloseable> cleanup = new java.util.ArrayDeque<>();

	@Autowired
	TestRestTemplate http;

	@BeforeAll
	static void clients() {
		admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(),
				new StringSerializer());
	}

	@AfterAll
	static void closeClients() {
		producer.close();
		admin.close();
	}

	@AfterEach
	void stopEverythingStarted() throws Exception {
		for (AutoCloseable closeable : this.cleanup) {
			closeable.close();
		}
	}

	@Test
	void showsTheBrokerUpTheControllerAndTheMetadataVersion() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode cluster = get("/api/v1/kafka/cluster");
			assertThat(cluster.path("reachable").asBoolean()).isTrue();
			assertThat(cluster.path("clusterId").asString()).isNotBlank();
			assertThat(cluster.path("brokers").valueStream().map((b) -> b.path("up").asBoolean())).containsOnly(true)
				.isNotEmpty();
			int controller = cluster.path("controllerId").asInt();
			assertThat(cluster.path("brokers").valueStream().filter((b) -> b.path("controller").asBoolean()))
				.singleElement()
				.satisfies((b) -> assertThat(b.path("id").asInt()).isEqualTo(controller));
			assertThat(cluster.path("quorum").path("leaderId").asInt()).isEqualTo(controller);
			assertThat(cluster.path("features").valueStream().map((f) -> f.path("name").asString()))
				.contains("metadata.version");
			assertThat(cluster.path("features")
				.valueStream()
				.filter((f) -> f.path("name").asString().equals("metadata.version"))
				.map((f) -> f.path("level").asInt())).singleElement()
				.satisfies((level) -> assertThat(level).isPositive());
			assertThat(cluster.path("metadataVersion").asString()).isNotBlank();
			assertThat(cluster.path("kafkaVersion").asString()).startsWith("4.");
			assertThat(cluster.path("brokers").get(0).path("leaderFor").asInt()).isPositive();
			assertThat(cluster.path("brokers").get(0).path("replicaFor").asInt()).isPositive();
		});
	}

	@Test
	void showsEachPartitionsLeaderReplicasIsrAndTheTopicsConfigs() throws Exception {
		String topic = "kafka-page-topic-" + this.run;
		admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("retention.ms", "3600000"))))
			.all()
			.get(10, TimeUnit.SECONDS);
		producer.send(new ProducerRecord<>(topic, 1, "k", "v")).get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode detail = get("/api/v1/kafka/topics/" + topic);
			assertThat(detail.path("kind").asString()).isEqualTo("OTHER");
			assertThat(detail.path("partitionCount").asInt()).isEqualTo(3);
			assertThat(detail.path("messages").asLong()).isEqualTo(1);
			assertThat(detail.path("configs").path("retention.ms").asString()).isEqualTo("3600000");
			assertThat(detail.path("configs").path("cleanup.policy").asString()).isEqualTo("delete");
			assertThat(detail.path("partitions").size()).isEqualTo(3);
			for (JsonNode partition : detail.path("partitions")) {
				int leader = partition.path("leader").asInt();
				assertThat(partition.path("replicas").valueStream().map(JsonNode::asInt)).containsExactly(leader);
				assertThat(partition.path("isr").valueStream().map(JsonNode::asInt)).containsExactly(leader);
				assertThat(partition.path("offline").asBoolean()).isFalse();
			}
			assertThat(detail.path("partitions").get(1).path("endOffset").asLong()).isEqualTo(1);
			assertThat(detail.path("partitions").get(1).path("sizeBytes").asLong()).isPositive();
			assertThat(detail.path("sizeBytes").asLong()).isPositive();
			assertThat(get("/api/v1/kafka/topics").path("topics").valueStream().map((t) -> t.path("name").asString()))
				.contains(topic)
				.doesNotContain("__consumer_offsets");
			assertThat(get("/api/v1/kafka/topics?internal=true").path("topics")
				.valueStream()
				.map((t) -> t.path("name").asString())).contains("__consumer_offsets");
		});
	}

	@Test
	void twoMembersSplitThePartitionsAndTheTimelineNarratesOneLeaving() throws Exception {
		String topic = createTopic("kafka-page-split-" + this.run, 6);
		String group = "kafka-page-split-" + this.run;
		Reader a = new Reader(group, "reader-a-" + this.run, topic);
		Reader b = new Reader(group, "reader-b-" + this.run, topic);
		this.cleanup.push(a);
		this.cleanup.push(b);
		Set<Integer> bOwned = new HashSet<>();
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode detail = get("/api/v1/kafka/groups/" + group);
			assertThat(detail.path("state").asString()).isEqualTo("STABLE");
			assertThat(detail.path("members").size()).isEqualTo(2);
			List<Integer> all = new ArrayList<>();
			bOwned.clear();
			for (JsonNode member : detail.path("members")) {
				List<Integer> owned = member.path("assignment")
					.valueStream()
					.map((p) -> p.path("partition").asInt())
					.toList();
				assertThat(owned).isNotEmpty();
				assertThat(member.path("idle").asBoolean()).isFalse();
				all.addAll(owned);
				if (member.path("clientId").asString().equals("reader-b-" + this.run)) {
					bOwned.addAll(owned);
				}
			}
			assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 6).boxed().toList());
			assertThat(bOwned).isNotEmpty();
			System.out.println("Sample /api/v1/kafka/groups/{g} answer: " + detail);
		});
		b.close();
		String expected = "member reader-b-" + this.run + " left; " + PartitionRanges.named(bOwned)
				+ " moved from reader-b-" + this.run + " to reader-a-" + this.run;
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode timeline = get("/api/v1/kafka/timeline?limit=1000");
			assertThat(timeline.path("events")
				.valueStream()
				.filter((e) -> e.path("kind").asString().equals("GROUP_REBALANCE"))
				.filter((e) -> e.path("subject").asString().equals(group))
				.map((e) -> e.path("text").asString())).anySatisfy((text) -> assertThat(text).contains(expected));
		});
		JsonNode after = get("/api/v1/kafka/groups/" + group);
		assertThat(after.path("members").size()).isEqualTo(1);
	}

	@Test
	void aConsumerFallingBehindWarnsItsLagHistoryRisesAndItIsOkOnceItCatchesUp() throws Exception {
		String topic = createTopic("kafka-page-lag-" + this.run, 1);
		String group = "kafka-page-lag-" + this.run;
		produceSteadily(topic);
		Reader reader = new Reader(group, "slow-" + this.run, topic);
		this.cleanup.push(reader);
		reader.slow.set(true);
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode status = get("/api/v1/kafka/groups/" + group).path("status");
			assertThat(status.path("code").asString()).as(status.toString()).isEqualTo("WARN");
			assertThat(status.path("reason").asString()).contains("lag grew");
		});
		assertThat(get("/api/v1/kafka/topics/" + topic).path("recordsPerSecond").asDouble()).isPositive();
		JsonNode history = get("/api/v1/kafka/groups/" + group + "/lag-history?minutes=5");
		assertThat(history.path("resolutionSeconds").asDouble()).isEqualTo(0.5);
		List<Long> lags = history.path("points").valueStream().map((p) -> p.path("lag").asLong()).toList();
		assertThat(lags).hasSizeGreaterThanOrEqualTo(3);
		assertThat(lags.get(lags.size() - 1)).isGreaterThan(lags.get(0));
		assertThat(history.path("points").get(lags.size() - 1).path("partitions").path(topic + "-0").asLong())
			.isEqualTo(lags.get(lags.size() - 1));
		reader.slow.set(false);
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode status = get("/api/v1/kafka/groups/" + group).path("status");
			assertThat(status.path("code").asString()).as(status.toString()).isEqualTo("OK");
		});
	}

	@Test
	void aConsumerThatStopsCommittingIsStopped() throws Exception {
		String topic = createTopic("kafka-page-stop-" + this.run, 1);
		String group = "kafka-page-stop-" + this.run;
		produceSteadily(topic);
		Reader reader = new Reader(group, "quiet-" + this.run, topic);
		this.cleanup.push(reader);
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(get("/api/v1/kafka/groups/" + group).path("totalLag").isNumber()).isTrue());
		reader.committing.set(false);
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode status = get("/api/v1/kafka/groups/" + group).path("status");
			assertThat(status.path("code").asString()).as(status.toString()).isEqualTo("STOP");
			assertThat(status.path("reason").asString()).contains("no commit")
				.contains(topic)
				.contains("the last commit was");
		});
	}

	@Test
	void aConsumerThatKeepsCommittingTheSameOffsetIsStalled() throws Exception {
		String topic = createTopic("kafka-page-stall-" + this.run, 1);
		String group = "kafka-page-stall-" + this.run;
		produceSteadily(topic);
		Reader reader = new Reader(group, "stuck-" + this.run, topic);
		this.cleanup.push(reader);
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(get("/api/v1/kafka/groups/" + group).path("totalLag").isNumber()).isTrue());
		reader.reading.set(false);
		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode status = get("/api/v1/kafka/groups/" + group).path("status");
			assertThat(status.path("code").asString()).as(status.toString()).isEqualTo("STALL");
			assertThat(status.path("reason").asString()).contains("keeps committing").contains(topic);
		});
	}

	@Test
	void unknownTopicsAndGroupsAreProblemsThatNameThem() {
		ResponseEntity<String> topic = exchange("/api/v1/kafka/topics/no-such-topic-" + this.run, "test-operator");
		assertThat(topic.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(topic.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(topic.getBody()).contains("urn:ridertrack:problem:unknown-topic")
			.contains("no-such-topic-" + this.run);
		ResponseEntity<String> group = exchange("/api/v1/kafka/groups/no-such-group-" + this.run, "test-operator");
		assertThat(group.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(group.getBody()).contains("urn:ridertrack:problem:unknown-group")
			.contains("no-such-group-" + this.run);
		ResponseEntity<String> minutes = exchange("/api/v1/kafka/groups/any/lag-history?minutes=0", "test-operator");
		assertThat(minutes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(minutes.getBody()).contains("invalid-parameter").contains("minutes");
	}

	@Test
	void everyKafkaAnswerNeedsAnOperator() {
		for (String path : List.of("/api/v1/kafka", "/api/v1/kafka/cluster", "/api/v1/kafka/topics",
				"/api/v1/kafka/groups", "/api/v1/kafka/timeline")) {
			ResponseEntity<String> answer = exchange(path, null);
			assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
		}
	}

	@Test
	void theDashboardPanelStillShowsRiderLocationsAndTheFourGroups() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode panel = get("/api/v1/kafka");
			assertThat(panel.path("topic").asString()).isEqualTo("rider-locations");
			assertThat(panel.path("partitions").asInt()).isEqualTo(12);
			assertThat(panel.path("endOffsets").size()).isEqualTo(12);
			assertThat(panel.path("thisInstance").isArray()).isTrue();
			assertThat(panel.path("groups").valueStream().map((g) -> g.path("group").asString()))
				.containsExactly("tracking", "eta", "analytics", "db-writer");
			JsonNode tracking = panel.path("groups").get(0);
			assertThat(tracking.path("state").asString()).isNotEqualTo("NOT RUNNING");
			assertThat(tracking.path("lag").size()).isEqualTo(12);
			assertThat(tracking.path("totalLag").isNumber()).isTrue();
		});
	}

	@Test
	void namesTheProcessOfThisServicesOwnListener() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode tracking = get("/api/v1/kafka/groups/tracking");
			assertThat(tracking.path("members").size()).isPositive();
			assertThat(tracking.path("members").valueStream().map((m) -> m.path("process").asString()))
				.containsOnly("tracking-service");
			assertThat(tracking.path("partitions").valueStream().map((p) -> p.path("ownerProcess").asString()))
				.contains("tracking-service");
		});
	}

	private String createTopic(String name, int partitions) throws Exception {
		admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(10, TimeUnit.SECONDS);
		return name;
	}

	/** Ten records every 100 ms until the test ends. */
	private void produceSteadily(String topic) {
		ScheduledExecutorService producing = Executors.newSingleThreadScheduledExecutor();
		producing.scheduleAtFixedRate(() -> {
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, "key-" + i, "value"));
			}
		}, 0, 100, TimeUnit.MILLISECONDS);
		this.cleanup.push(producing::shutdownNow);
	}

	private JsonNode get(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		ResponseEntity<JsonNode> answer = this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers),
				JsonNode.class);
		assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		return answer.getBody();
	}

	private ResponseEntity<String> exchange(String path, String token) {
		HttpHeaders headers = new HttpHeaders();
		// what the page's fetch() sends
		headers.setAccept(List.of(MediaType.ALL));
		if (token != null) {
			headers.setBearerAuth(token);
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	/**
	 * A real group member on its own thread (a consumer is not thread-safe): reads and
	 * commits everything, or at most five records every 250 ms when slow, or reads
	 * without committing when told to stop committing, or commits without reading.
	 */
	static final class Reader implements AutoCloseable {

		final AtomicBoolean slow = new AtomicBoolean();

		final AtomicBoolean committing = new AtomicBoolean(true);

		final AtomicBoolean reading = new AtomicBoolean(true);

		private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

		private final KafkaConsumer<String, String> consumer;

		private boolean closed;

		Reader(String group, String clientId, String topic) {
			this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					Infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
					ConsumerConfig.CLIENT_ID_CONFIG, clientId, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5,
					ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000),
					new StringDeserializer(), new StringDeserializer());
			this.thread.execute(() -> this.consumer.subscribe(List.of(topic)));
			this.thread.scheduleWithFixedDelay(this::read, 0, 250, TimeUnit.MILLISECONDS);
		}

		private void read() {
			if (this.closed) {
				return;
			}
			if (this.reading.get()) {
				this.consumer.resume(this.consumer.assignment());
			}
			else {
				// still polling (so still a member), but taking no records: every commit
				// repeats the same offsets
				this.consumer.pause(this.consumer.assignment());
			}
			int polls = this.slow.get() ? 1 : 200;
			for (int i = 0; i < polls; i++) {
				if (this.consumer.poll(Duration.ofMillis(50)).isEmpty() && i > 0) {
					break;
				}
			}
			if (this.committing.get()) {
				this.consumer.commitSync();
			}
		}

		@Override
		public void close() throws Exception {
			if (this.closed) {
				return;
			}
			this.thread.submit(() -> {
				this.closed = true;
				this.consumer.close();
			}).get(20, TimeUnit.SECONDS);
			this.thread.shutdownNow();
		}

	}

}
