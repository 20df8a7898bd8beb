package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.util.UUID;

import dev.ridertrack.tracking.Fixes;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * The message browser against the real broker, over HTTP as the Kafka page calls it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class MessageBrowserIntegrationTests {

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	TestRestTemplate http;

	@Test
	void findsEveryFixOfOneRiderInItsOnePartitionInSeqOrder() {
		String rider = "rider-browse-" + this.run;
		try (Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers())) {
			for (int seq = 1; seq <= 30; seq++) {
				fixes.send(Fixes.fix(rider, seq, 52.5, 13.4));
				fixes.send(Fixes.fix("rider-other-" + this.run + "-" + seq, 1, 52.5, 13.4));
			}
			fixes.flush();
		}
		int expectedPartition = MessageBrowser.partitionOf(rider, 12);

		JsonNode page = get("/api/v1/kafka/topics/rider-locations/messages?key=" + rider + "&limit=100").body();

		assertThat(page.path("partition").asInt()).isEqualTo(expectedPartition);
		assertThat(page.path("records")).hasSize(30).allSatisfy((record) -> {
			assertThat(record.path("partition").asInt()).isEqualTo(expectedPartition);
			assertThat(record.path("key").asString()).isEqualTo(rider);
			assertThat(record.path("value").isObject()).as("a JSON value is JSON, not a string").isTrue();
		});
		assertThat(page.path("records").valueStream().map((record) -> record.path("value").path("seq").asLong()))
			.containsExactly(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toArray(Long[]::new));
		assertThat(page.path("records").valueStream().map((record) -> record.path("offset").asLong())).isSorted();
		assertThat(page.path("note").asString()).contains("partition " + expectedPartition);

		// the same rider from an offset: its later fixes only
		long third = page.path("records").get(2).path("offset").asLong();
		JsonNode later = get(
				"/api/v1/kafka/topics/rider-locations/messages?key=" + rider + "&offset=" + third + "&limit=5")
			.body();
		assertThat(later.path("records").valueStream().map((record) -> record.path("value").path("seq").asLong()))
			.containsExactly(3L, 4L, 5L, 6L, 7L);
	}

	@Test
	void showsAPoisonRecordInTheDeadLetterTopicWithItsErrorInWords() {
		String key = "poison-browse-" + this.run;
		try (Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers())) {
			fixes.sendRaw("rider-locations", key, ("{not json " + this.run).getBytes());
			fixes.flush();
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = get("/api/v1/kafka/topics/rider-locations.DLT/messages?key=" + key).body();
			assertThat(page.path("records")).isNotEmpty();
			JsonNode record = page.path("records").get(0);
			assertThat(record.path("value").asString()).isEqualTo("{not json " + this.run);
			JsonNode deadLetter = record.path("deadLetter");
			assertThat(deadLetter.path("group").asString()).isEqualTo("tracking");
			assertThat(deadLetter.path("originalTopic").asString()).isEqualTo("rider-locations");
			assertThat(deadLetter.path("originalPartition").asInt()).isEqualTo(MessageBrowser.partitionOf(key, 12));
			assertThat(deadLetter.path("originalOffset").isNumber()).isTrue();
			assertThat(deadLetter.path("exception").asString()).isNotBlank();
			assertThat(record.path("headers").path("kafka_dlt-original-offset").asString())
				.isEqualTo(deadLetter.path("originalOffset").asString());
		});
	}

	@Test
	void saysWhatIsWrongWithABadRequest() {
		Answer unknown = get("/api/v1/kafka/topics/no-such-topic-" + this.run + "/messages");
		assertThat(unknown.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(unknown.body().path("type").asString()).isEqualTo("urn:ridertrack:problem:unknown-topic");
		assertThat(unknown.body().path("detail").asString()).contains("no-such-topic-" + this.run);

		Answer tooMany = get("/api/v1/kafka/topics/rider-locations/messages?limit=501");
		assertThat(tooMany.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooMany.body().path("detail").asString()).contains("limit").contains("500");

		Answer noPartition = get("/api/v1/kafka/topics/rider-locations/messages?partition=12");
		assertThat(noPartition.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noPartition.body().path("detail").asString()).contains("0–11");

		Answer beyond = get("/api/v1/kafka/topics/rider-locations/messages?partition=0&offset=999999999");
		assertThat(beyond.status()).isEqualTo(HttpStatus.OK);
		assertThat(beyond.body().path("records")).isEmpty();
		assertThat(beyond.body().path("note").asString()).contains("beyond the end");

		ResponseEntity<String> anonymous = this.http.getForEntity("/api/v1/kafka/topics/rider-locations/messages",
				String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private Answer get(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		ResponseEntity<String> response = this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers),
				String.class);
		return new Answer(HttpStatus.valueOf(response.getStatusCode().value()), response.getHeaders().getContentType(),
				this.json.readTree(response.getBody()));
	}

	private record Answer(HttpStatus status, MediaType contentType, JsonNode body) {
	}

}
