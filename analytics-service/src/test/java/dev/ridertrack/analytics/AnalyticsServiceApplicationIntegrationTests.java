package dev.ridertrack.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.HealthAssert;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ridertrack.streams.state-dir=${java.io.tmpdir}/ridertrack-it/${random.uuid}")
@AutoConfigureTestRestTemplate
@WithInfrastructure
class AnalyticsServiceApplicationIntegrationTests {

	// Powai, Mumbai
	static final double LAT = 19.1176;

	static final double LON = 72.9060;

	static final String ZONE = Zones.zoneId(LAT, LON);

	@Autowired
	TestRestTemplate http;

	@Test
	void reportsHealthyWithEveryConnectionItNeeds() {
		HealthAssert.assertHealthy(this.http, "kafka", "kafkaStreams");
	}

	@Test
	void keepsTheZoneWindowsInTwoTasksNotOnePerInputPartition() {
		// What the Kafka page shows: the zone windows' topics with 2 partitions (one task
		// each), not the input's 12, and the per-task slices beside the input as before.
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Map<String, TopicDescription> topics = admin
					.describeTopics(List.of("analytics-zone-slices-repartition", "analytics-zone-stats-10s-changelog",
							"analytics-zone-stats-1m-changelog", "analytics-zone-slices-changelog"))
					.allTopicNames()
					.get();
				assertThat(topics.get("analytics-zone-slices-repartition").partitions()).hasSize(2);
				assertThat(topics.get("analytics-zone-stats-10s-changelog").partitions()).hasSize(2);
				assertThat(topics.get("analytics-zone-stats-1m-changelog").partitions()).hasSize(2);
				assertThat(topics.get("analytics-zone-slices-changelog").partitions())
					.hasSize(Topics.RIDER_LOCATIONS.partitions());
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void aggregatesFixesAndDeliveriesPerZoneAndAnswersQueries() {
		Place place = new Place("p-1", "Powai", LAT, LON);
		String orderId = "order-" + UUID.randomUUID();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringSerializer(), EventJson.serializer())) {
			Instant created = Instant.now().minusSeconds(1200);
			producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
					new OrderEvent(orderId, null, OrderStatus.CREATED, place, place, created)));
			producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
					new OrderEvent(orderId, "rider-000001", OrderStatus.DELIVERED, place, place, Instant.now())));
			// Two riders keep sending fixes, so windows fill and close.
			long[] seq = { 0 };
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				for (String rider : List.of("rider-000001", "rider-000002")) {
					producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), rider,
							new RiderLocation(rider, ++seq[0], null, LAT, LON, 5.0, 0, 5, Instant.now())));
				}
				producer.flush();
				// 503 (problem+json) until the stores are ready, then a list
				ResponseEntity<Object> zones = this.http.getForEntity("/api/v1/zones", Object.class);
				assertThat(zones.getStatusCode()).isEqualTo(HttpStatus.OK);
				assertThat((List<Map<String, Object>>) zones.getBody()).anySatisfy((zone) -> {
					assertThat(zone).containsEntry("zoneId", ZONE).containsEntry("activeRiders", 2);
				});
			});
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ResponseEntity<List> history = this.http.getForEntity("/api/v1/zones/{zone}/history?window=1m", List.class,
					ZONE);
			assertThat((List<Map<String, Object>>) history.getBody()).anySatisfy((minute) -> {
				assertThat(minute).containsEntry("deliveriesCompleted", 1);
				assertThat(((Number) minute.get("avgDeliverySeconds")).doubleValue()).isBetween(1190.0, 1210.0);
			});
		});
		ResponseEntity<Map> city = this.http.getForEntity("/api/v1/city", Map.class);
		assertThat((List<Map<String, Object>>) city.getBody().get("fixes")).isNotEmpty();
		assertThat(this.http.getForEntity("/api/v1/zones/{zone}/history?window=5m", Map.class, ZONE).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		List<ZoneStats> published = new ArrayList<>();
		try (KafkaConsumer<String, ZoneStats> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), EventJson.deserializer(ZoneStats.class))) {
			consumer.subscribe(List.of(Topics.ZONE_STATS.name()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> published.add(record.value()));
				assertThat(published).anySatisfy((stats) -> {
					assertThat(stats.zoneId()).isEqualTo(ZONE);
					assertThat(stats.activeRiders()).isEqualTo(2);
					assertThat(Duration.between(stats.windowStart(), stats.windowEnd()))
						.isEqualTo(Duration.ofSeconds(10));
				});
			});
		}
	}

}
