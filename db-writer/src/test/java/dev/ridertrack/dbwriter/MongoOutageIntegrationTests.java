package dev.ridertrack.dbwriter;

import java.io.IOException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import de.bwaldvogel.mongo.MongoServer;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
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
 * MongoDB stops under load and comes back on the same port with the same data: the writer
 * stops committing, health turns DOWN, and once MongoDB is back every fix Kafka
 * acknowledged is stored exactly once, without anyone restarting the writer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.consumer.group-id=db-writer-outage", "ridertrack.dbwriter.batch-size=500",
				"ridertrack.dbwriter.retry-max=1s" })
@AutoConfigureTestRestTemplate
@DirtiesContext
class MongoOutageIntegrationTests {

	/**
	 * A durable backend: MongoServer.shutdownNow() closes its backend, and a memory
	 * backend forgets everything then; an H2 file is reopened with its data, like a
	 * restarted mongod.
	 */
	private static final RestartableMongo MONGO = new RestartableMongo("outage-mongo");

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestRestTemplate http;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", Infrastructure::kafkaBootstrapServers);
		registry.add("spring.mongodb.uri", () -> MONGO.uri("outage"));
	}

	@AfterAll
	static void stopMongo() {
		MONGO.stop();
	}

	@Test
	@SuppressWarnings("unchecked")
	void storesEveryAcknowledgedFixOnceAfterMongoComesBack() throws Exception {
		String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		int riders = 20;
		int perRider = 300;
		Instant start = Instant.parse("2026-11-22T10:00:00Z");
		List<CompletableFuture<?>> sends = new CopyOnWriteArrayList<>();
		AtomicInteger seq = new AtomicInteger();
		ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
		try (KafkaProducer<String, RiderLocation> producer = TestTraffic
			.fixProducer(Infrastructure.kafkaBootstrapServers())) {
			// 20 riders, one fix each every 25 ms: 800 fixes/s for 7.5 s
			load.scheduleAtFixedRate(() -> {
				int s = seq.getAndIncrement();
				if (s < perRider) {
					for (int r = 0; r < riders; r++) {
						sends.add(TestTraffic.send(producer,
								TestTraffic.fix(TestTraffic.riderId(prefix, r), s, null, start)));
					}
				}
			}, 0, 25, TimeUnit.MILLISECONDS);

			await().atMost(Duration.ofSeconds(30)).until(() -> countFixes(prefix) >= 1000);
			MONGO.stop();

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Object> health = this.http.getForObject("/actuator/health", Map.class);
				assertThat(health).containsEntry("status", "DOWN");
				assertThat((Map<String, Object>) ((Map<String, Object>) health.get("components")).get("mongo"))
					.containsEntry("status", "DOWN");
			});
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.meters.get("ridertrack.dbwriter.flush.failures").counter().count() > 0);
			await().atMost(Duration.ofSeconds(30)).until(() -> seq.get() >= perRider);
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			// Kafka holds everything the producer was told is safe while MongoDB is away.

			MONGO.start();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(countFixes(prefix)).isEqualTo(riders * perRider));
			assertThat(StoredFixes.ids(this.mongo.getDb(), prefix)).hasSize(riders * perRider).doesNotHaveDuplicates();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.http.getForObject("/actuator/health", Map.class))
					.containsEntry("status", "UP"));
		}
		finally {
			load.shutdownNow();
		}
	}

	private long countFixes(String prefix) {
		return StoredFixes.ids(this.mongo.getDb(), prefix).size();
	}

}
