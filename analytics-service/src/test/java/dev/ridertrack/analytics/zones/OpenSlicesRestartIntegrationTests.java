package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fixes that were still in a task's open slices when analytics-service stopped are
 * counted after it starts again: each commit saved the slices ({@link OpenSlices}), and
 * the new instance restores them from their changelog. Slices are passed on only every 20
 * s here, so the fixes cannot have left before the stop; the grace periods are long
 * enough for the windows to take them that late.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.streams.state-dir=${java.io.tmpdir}/ridertrack-it/${random.uuid}",
				"spring.kafka.streams.application-id=analytics-restart-test", "ridertrack.analytics.slice-flush=20s",
				"ridertrack.analytics.short-grace=5m", "ridertrack.analytics.long-grace=5m" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
class OpenSlicesRestartIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	StreamsBuilderFactoryBean streams;

	@Test
	@SuppressWarnings("unchecked")
	void fixesInOpenSlicesAtAStopAreCountedAfterTheRestart() throws Exception {
		// a zone of its own, somewhere no other test sends fixes
		double lat = ThreadLocalRandom.current().nextDouble(-50, -40);
		double lon = ThreadLocalRandom.current().nextDouble(-170, -120);
		String zone = Zones.zoneId(lat, lon);
		Instant at = Instant.now();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), EventJson.serializer())) {
			for (int rider = 1; rider <= 3; rider++) {
				String riderId = "rider-" + zone + "-" + rider;
				producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId,
						new RiderLocation(riderId, 1, null, lat, lon, 5.0, 0, 5, at)));
			}
			producer.flush();
		}
		// committed: the three fixes were read and their slices saved
		awaitCommittedToTheEnd();

		this.streams.stop();
		this.streams.start();

		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			// 503 (problem+json) until the restored stores are ready, then a list
			ResponseEntity<Object> windows = this.http.getForEntity("/api/v1/zones/{zone}/history?window=10s",
					Object.class, zone);
			assertThat(windows.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat((List<Map<String, Object>>) windows.getBody()).singleElement().satisfies((window) -> {
				assertThat(window).containsEntry("fixes", 3).containsEntry("activeRiders", 3);
			});
		});
	}

	private static void awaitCommittedToTheEnd() {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin
					.listConsumerGroupOffsets("analytics-restart-test")
					.partitionsToOffsetAndMetadata()
					.get();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				for (int p = 0; p < Topics.RIDER_LOCATIONS.partitions(); p++) {
					latest.put(new TopicPartition(Topics.RIDER_LOCATIONS.name(), p), OffsetSpec.latest());
				}
				admin.listOffsets(latest).all().get().forEach((partition, end) -> {
					long done = committed.containsKey(partition) ? committed.get(partition).offset() : 0;
					assertThat(done).as("committed offset of %s", partition).isEqualTo(end.offset());
				});
			});
		}
	}

}
