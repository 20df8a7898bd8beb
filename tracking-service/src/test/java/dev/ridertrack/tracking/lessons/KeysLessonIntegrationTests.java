package dev.ridertrack.tracking.lessons;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lesson 3 over HTTP: keyed records all land in the partition murmur2 predicts (computed
 * here with Kafka's own {@code Utils.murmur2}), in the order sent as a consumer of our
 * own reads them; unkeyed records go to more than one partition, in runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class KeysLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		api().post("keys", "reset", null);
	}

	@Test
	void oneKeysRecordsLandInTheMurmur2PartitionInTheOrderSent() {
		String key = "rider-42";
		int k = 20;
		int predicted = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 4;
		JsonNode state = api().post("keys", "send-keyed", "{\"key\": \"" + key + "\", \"count\": " + k + "}");
		List<JsonNode> rows = new ArrayList<>();
		PartitionsApi.block(state, "table", "Records sent").get("rows").forEach(rows::add);
		assertThat(rows).hasSize(k);
		long previousOffset = -1;
		for (JsonNode row : rows) {
			assertThat(row.get(1).asString()).isEqualTo(key);
			assertThat(Integer.parseInt(row.get(2).asString())).isEqualTo(predicted);
			long offset = Long.parseLong(row.get(3).asString());
			assertThat(offset).isGreaterThan(previousOffset);
			previousOffset = offset;
		}
		List<Long> seqs = readBack(predicted, key);
		assertThat(seqs).hasSize(k).isSorted();
		assertThat(PartitionsApi.narration(state))
			.anySatisfy((line) -> assertThat(line).startsWith("All " + k + " records landed in partition " + predicted))
			.anySatisfy((line) -> assertThat(line).contains("in the order sent"));
		System.out.println("LESSON FIGURES: keys: key " + key + " → murmur2 partition " + predicted + "; " + k
				+ " records at offsets " + rows.get(0).get(3).asString() + "–" + previousOffset
				+ ", read back in send order");
	}

	@Test
	void unkeyedRecordsSpreadOverPartitionsInStickyRuns() {
		int k = 300;
		JsonNode state = api().post("keys", "send-unkeyed", "{\"count\": " + k + "}");
		Map<Integer, Integer> perPartition = new TreeMap<>();
		for (JsonNode row : PartitionsApi.block(state, "table", "The last send, per partition").get("rows")) {
			perPartition.put(Integer.parseInt(row.get(0).asString()), Integer.parseInt(row.get(1).asString()));
		}
		assertThat(perPartition.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(k);
		assertThat(perPartition.values().stream().filter((n) -> n > 0).count()).isGreaterThan(1);
		List<String> runs = new ArrayList<>();
		PartitionsApi.block(state, "table", "The last send, run by run")
			.get("rows")
			.forEach((row) -> runs.add(row.get(0).asString() + " → p" + row.get(1).asString()));
		// sticky, not record by record: far fewer runs than records
		assertThat(runs.size()).isGreaterThan(1).isLessThanOrEqualTo(k / 4);
		System.out.println("LESSON FIGURES: keys: " + k + " unkeyed records (batch.size=" + KeysLesson.BATCH_BYTES
				+ "): per partition " + perPartition + "; " + runs.size() + " runs: " + String.join(", ", runs));
	}

	private PartitionsApi api() {
		return new PartitionsApi(this.http);
	}

	/**
	 * The key's records in the partition, in offset order, read by a consumer of the
	 * test's own.
	 */
	private static List<Long> readBack(int partition, String key) {
		TopicPartition tp = new TopicPartition("lesson-keys", partition);
		List<Long> seqs = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(List.of(tp));
			consumer.seekToBeginning(List.of(tp));
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (consumer.position(tp) < end && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						seqs.add(KeysLesson.seqOf(record.value()));
					}
				}
			}
		}
		return seqs;
	}

}
