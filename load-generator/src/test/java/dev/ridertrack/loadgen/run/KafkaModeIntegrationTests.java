package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Direct mode against the real (embedded) broker: every fix the generator counts as sent
 * is on the topic, no more and no fewer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.loadgen.riders=300", "ridertrack.loadgen.interval=1s",
				"ridertrack.loadgen.mode=kafka", "ridertrack.loadgen.order-every=5s" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
class KafkaModeIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void everyFixSentIsOnTheTopicKeyedByRiderWithRisingSeq() throws Exception {
		long before = endOffsets(Topics.RIDER_LOCATIONS.name());
		assertThat(this.http.postForEntity("/api/v1/start", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(status().fixesSent()).isGreaterThanOrEqualTo(900));
		ResponseEntity<Summary> stopped = this.http.postForEntity("/api/v1/stop", null, Summary.class);
		Summary summary = stopped.getBody();
		assertThat(summary.fixesFailed()).isZero();
		assertThat(summary.fixesSent()).isEqualTo(summary.fixesAttempted()).isGreaterThanOrEqualTo(900);
		long onTopic = endOffsets(Topics.RIDER_LOCATIONS.name()) - before;
		assertThat(onTopic).isEqualTo(summary.fixesSent());
		assertThat(summary.ordersCreated()).isPositive();

		List<ConsumerRecord<String, RiderLocation>> tail = readLast(Topics.RIDER_LOCATIONS.name(), 300);
		assertThat(tail).isNotEmpty().allSatisfy((r) -> assertThat(r.key()).isEqualTo(r.value().riderId()));
		Map<String, List<Long>> seqs = tail.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key,
					Collectors.mapping((r) -> r.value().seq(), Collectors.toList())));
		seqs.values().forEach((list) -> assertThat(list).isSorted().doesNotHaveDuplicates());
	}

	private EngineStatus status() {
		return this.http.getForObject("/api/v1/status", EngineStatus.class);
	}

	static long endOffsets(String topic) throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetSpec> request = IntStream.range(0, Topics.RIDER_LOCATIONS.partitions())
				.boxed()
				.collect(Collectors.toMap((p) -> new TopicPartition(topic, p), (p) -> OffsetSpec.latest()));
			return admin.listOffsets(request).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

	private static List<ConsumerRecord<String, RiderLocation>> readLast(String topic, int perPartition) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
		try (KafkaConsumer<String, RiderLocation> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				EventJson.deserializer(RiderLocation.class))) {
			List<TopicPartition> partitions = IntStream.range(0, Topics.RIDER_LOCATIONS.partitions())
				.mapToObj((p) -> new TopicPartition(topic, p))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			partitions.forEach((tp) -> consumer.seek(tp, Math.max(0, ends.get(tp) - perPartition)));
			List<ConsumerRecord<String, RiderLocation>> records = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return partitions.stream().allMatch((tp) -> consumer.position(tp) >= ends.get(tp));
			});
			return records;
		}
	}

}
