package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
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
 * {@code ./ridertrack up} on a data directory an older version ran on: its zone windows'
 * topics have 12 partitions, this version asks for 2, and Kafka Streams would refuse to
 * start on them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.streams.application-id=" + ZonePartitionsGuardIntegrationTests.APP,
				"ridertrack.streams.state-dir=${java.io.tmpdir}/ridertrack-it/${random.uuid}" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
class ZonePartitionsGuardIntegrationTests {

	static final String APP = "analytics-older";

	// Bandra, Mumbai
	static final double LAT = 19.0596;

	static final double LON = 72.8295;

	@Autowired
	TestRestTemplate http;

	@BeforeAll
	static void anOlderVersionLeftItsInternalTopics() throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(APP + "-zone-slices-repartition", 12, (short) 1),
					new NewTopic(APP + "-zone-stats-10s-changelog", 12, (short) 1),
					new NewTopic(APP + "-zone-stats-1m-changelog", 12, (short) 1)))
				.all()
				.get();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void startsAndCountsZonesOnTopicsAnOlderVersionPartitionedDifferently() throws Exception {
		String zone = Zones.zoneId(LAT, LON);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringSerializer(), EventJson.serializer())) {
			long[] seq = { 0 };
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), "rider-000077",
						new RiderLocation("rider-000077", ++seq[0], null, LAT, LON, 4.0, 0, 5, Instant.now())));
				producer.flush();
				ResponseEntity<Object> zones = this.http.getForEntity("/api/v1/zones", Object.class);
				assertThat(zones.getStatusCode()).isEqualTo(HttpStatus.OK);
				assertThat((List<Map<String, Object>>) zones.getBody())
					.anySatisfy((stats) -> assertThat(stats).containsEntry("zoneId", zone));
			});
		}
		try (Admin admin = admin()) {
			Set<String> windows = Set.of(APP + "-zone-slices-repartition", APP + "-zone-stats-10s-changelog");
			assertThat(admin.describeTopics(windows).allTopicNames().get().values())
				.allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(2));
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
	}

}
