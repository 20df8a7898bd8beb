package dev.ridertrack.dbwriter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rewinding the group to the beginning of the topic replays every fix into MongoDB: each
 * is found in its bucket already, and the history does not grow.
 */
@SpringBootTest(properties = "spring.kafka.consumer.group-id=" + ReplayIntegrationTests.GROUP)
@DirtiesContext
class ReplayIntegrationTests {

	static final String GROUP = "db-writer-replay";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", Infrastructure::kafkaBootstrapServers);
		registry.add("spring.mongodb.uri", () -> Infrastructure.mongoUri().replace("/ridertrack", "/replay"));
	}

	@Test
	void replayingTheWholeTopicDoesNotGrowTheCollection() throws Exception {
		String prefix = "replay-" + UUID.randomUUID().toString().substring(0, 8);
		try (KafkaProducer<String, RiderLocation> producer = TestTraffic
			.fixProducer(Infrastructure.kafkaBootstrapServers());
				Admin admin = Admin.create(
						Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			List<CompletableFuture<?>> sends = TestTraffic.send(producer, prefix, 10, 100,
					Instant.parse("2026-11-22T10:00:00Z"));
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			String topic = Topics.RIDER_LOCATIONS.name();
			await().atMost(Duration.ofSeconds(60)).until(() -> TestTraffic.lag(admin, GROUP, topic) == 0);
			long stored = StoredFixes.counted(this.mongo.getDb());
			assertThat(stored).isGreaterThanOrEqualTo(1000);
			assertThat(StoredFixes.ids(this.mongo.getDb(), prefix)).hasSize(1000).doesNotHaveDuplicates();
			double duplicatesBefore = duplicates();

			// Offsets can only be moved while the group has no members.
			this.listeners.stop();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().isEmpty());
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			for (int p = 0; p < Topics.RIDER_LOCATIONS.partitions(); p++) {
				earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
			}
			Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
			admin.listOffsets(earliest)
				.all()
				.get()
				.forEach((partition, offset) -> rewind.put(partition, new OffsetAndMetadata(offset.offset())));
			admin.alterConsumerGroupOffsets(GROUP, rewind).all().get();
			assertThat(TestTraffic.lag(admin, GROUP, topic)).isGreaterThanOrEqualTo(1000);

			this.listeners.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> TestTraffic.lag(admin, GROUP, topic) == 0);
			assertThat(duplicates() - duplicatesBefore).isGreaterThanOrEqualTo(stored);
			assertThat(StoredFixes.counted(this.mongo.getDb())).isEqualTo(stored);
			assertThat(StoredFixes.ids(this.mongo.getDb(), prefix)).hasSize(1000).doesNotHaveDuplicates();
		}
	}

	private double duplicates() {
		return this.meters.get("ridertrack.dbwriter.fixes.duplicates").counter().count();
	}

}
