package dev.ridertrack.tracking.lessons;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class PoisonLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void thePoisonRecordLandsInTheDeadLetterTopicOnceForTrackingAndTheGroupMovesOn() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.listeners.getListenerContainer("tracking-locations").getAssignedPartitions())
						.isNotEmpty());

		ResponseEntity<JsonNode> response = call(HttpMethod.POST, "/api/v1/lessons/poison/send");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode deadLetters = block(response.getBody(), "Dead letters of ");
		String key = deadLetters.get("title").asString().substring("Dead letters of ".length());
		// other test classes' cached contexts may run other groups; tracking must have
		// one
		List<String> deadLetterGroups = new ArrayList<>();
		deadLetters.get("rows").forEach((row) -> deadLetterGroups.add(row.get(0).asString()));
		assertThat(deadLetterGroups).filteredOn("tracking"::equals).hasSize(1);
		Map<String, String> headers = new HashMap<>();
		block(response.getBody(), "Headers of the first dead letter").get("rows")
			.forEach((row) -> headers.put(row.get(0).asString(), row.get(1).asString()));
		assertThat(headers).containsKey("kafka_dlt-original-consumer-group")
			.containsEntry("kafka_dlt-original-topic", "rider-locations")
			.containsKey("kafka_dlt-exception-fqcn");

		// Kafka itself, read apart from the lesson: one dead letter of this key, from
		// tracking
		assertThat(deadLettersInKafka(key)).filteredOn("tracking"::equals).hasSize(1);

		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode groups = block(call(HttpMethod.GET, "/api/v1/lessons/poison").getBody(), "Groups reading ");
			JsonNode tracking = null;
			for (JsonNode row : groups.get("rows")) {
				if (row.get(0).asString().equals("tracking")) {
					tracking = row;
				}
			}
			assertThat(tracking).as("group tracking reads rider-locations").isNotNull();
			assertThat(tracking.get(1).asString()).as("dead letters").isEqualTo("1");
			assertThat(tracking.get(3).asString()).as("moved past the poison record").isEqualTo("yes");
			assertThat(tracking.get(4).asString()).as("lag").isEqualTo("0");
		});
		JsonNode state = call(HttpMethod.GET, "/api/v1/lessons/poison").getBody();
		System.out.println("LESSON FIGURES: poison record " + key + ": 1 dead letter for group tracking, "
				+ "lag back to 0 (" + (System.nanoTime() - started) / 1_000_000 + " ms after the action returned)");
		state.get("narration").forEach((line) -> System.out.println("  " + line.asString()));
	}

	private static List<String> deadLettersInKafka(String key) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<String> groups = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor("rider-locations.DLT")
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline
					&& partitions.stream().anyMatch((tp) -> consumer.position(tp) < ends.get(tp))) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						Header group = record.headers().lastHeader("kafka_dlt-original-consumer-group");
						groups.add((group != null) ? new String(group.value(), StandardCharsets.UTF_8) : "?");
					}
				}
			}
		}
		return groups;
	}

	private static JsonNode block(JsonNode state, String titlePrefix) {
		for (JsonNode block : state.get("view")) {
			if (block.get("title").asString().startsWith(titlePrefix)) {
				return block;
			}
		}
		throw new AssertionError("no block titled " + titlePrefix + "… in " + state);
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(null, headers), JsonNode.class);
	}

}
