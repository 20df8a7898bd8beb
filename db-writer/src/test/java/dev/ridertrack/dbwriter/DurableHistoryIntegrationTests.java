package dev.ridertrack.dbwriter;

import java.io.IOException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default history (one document per fix, time-ordered ids) on the local stack's
 * durable store, mongo-java-server's H2 file: every fix is stored once however often it
 * arrives, counted and served by the history API, and it is all still there, and still a
 * duplicate when it arrives again, after the store restarted on its file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.consumer.group-id=" + DurableHistoryIntegrationTests.GROUP)
@AutoConfigureTestRestTemplate
@DirtiesContext
class DurableHistoryIntegrationTests {

	static final String GROUP = "db-writer-durable-history";

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private static final RestartableMongo MONGO = new RestartableMongo("durable-history");

	@Autowired
	TestRestTemplate http;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", Infrastructure::kafkaBootstrapServers);
		registry.add("spring.mongodb.uri", () -> MONGO.uri("durable"));
	}

	@AfterAll
	static void stopMongo() {
		MONGO.stop();
	}

	@Test
	void keepsEveryFixOnceThroughRedeliveriesAndARestartOfTheStore() throws Exception {
		String prefix = "durable-" + UUID.randomUUID().toString().substring(0, 8);
		try (KafkaProducer<String, RiderLocation> producer = TestTraffic
			.fixProducer(Infrastructure.kafkaBootstrapServers())) {
			sendAll(producer, prefix);
			// the group starts at the beginning of the topic, which holds other tests'
			// fixes too: the count is compared once the group has read everything
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(storedIds(prefix)).hasSize(600));
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
				await().atMost(Duration.ofSeconds(120))
					.until(() -> TestTraffic.lag(admin, GROUP, Topics.RIDER_LOCATIONS.name()) == 0);
			}
			long total = countedFixes();
			String rider = TestTraffic.riderId(prefix, 3);
			assertThat(track(rider)).hasSize(120);

			// the same fixes again, as after a crash of the writer or a replay
			double duplicates = duplicatesSkipped();
			sendAll(producer, prefix);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(duplicatesSkipped()).isGreaterThanOrEqualTo(duplicates + 600));
			assertThat(countedFixes()).isEqualTo(total);

			// the store stops and comes back on its file
			MONGO.stop();
			MONGO.start();
			// the driver reconnects by itself; until it has, the API answers with an
			// error
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(countedFixes()).isEqualTo(total));
			List<Map<String, Object>> points = track(rider);
			assertThat(points).hasSize(120);
			assertThat(points.get(0)).containsEntry("seq", 0);
			assertThat(points.get(119)).containsEntry("seq", 119);

			double afterRestart = duplicatesSkipped();
			sendAll(producer, prefix);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(duplicatesSkipped()).isGreaterThanOrEqualTo(afterRestart + 600));
			assertThat(countedFixes()).isEqualTo(total);
			assertThat(storedIds(prefix)).hasSize(600).doesNotHaveDuplicates();
		}
	}

	private List<String> storedIds(String prefix) {
		return StoredFixes.ids(this.mongo.getDb(), prefix);
	}

	/** 5 riders, 120 fixes each, one a second. */
	private static void sendAll(KafkaProducer<String, RiderLocation> producer, String prefix) {
		CompletableFuture.allOf(TestTraffic.send(producer, prefix, 5, 120, START).toArray(CompletableFuture[]::new))
			.join();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> track(String riderId) {
		Map<String, Object> track = this.http.getForObject("/api/v1/history/riders/{id}?from={from}&to={to}", Map.class,
				riderId, START, START.plusSeconds(3600));
		return (List<Map<String, Object>>) track.get("points");
	}

	private long countedFixes() {
		Map<?, ?> count = this.http.getForObject("/api/v1/history/count", Map.class);
		return ((Number) count.get("fixes")).longValue();
	}

	private double duplicatesSkipped() {
		return this.meters.get("ridertrack.dbwriter.fixes.duplicates").counter().count();
	}

}
