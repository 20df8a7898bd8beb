package dev.ridertrack.dbwriter;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real db-writer jar as a child process, killed without warning (SIGKILL through
 * {@link Process#destroyForcibly()}) in the middle of a run and started again: every fix
 * Kafka acknowledged ends up in MongoDB exactly once.
 */
class WriterCrashIntegrationTests {

	private static final Path JAR = Path.of("target", "db-writer.jar");

	private final List<Process> writers = new ArrayList<>();

	@AfterEach
	void stopWriters() {
		this.writers.forEach(Process::destroyForcibly);
	}

	@Test
	void everyAcknowledgedFixIsStoredExactlyOnceAfterTheWriterIsKilled() throws Exception {
		assertThat(JAR).as("run after 'package': the failsafe phase has the jar").exists();
		String run = UUID.randomUUID().toString().substring(0, 8);
		String prefix = "crash-" + run;
		String database = "crash-" + run;
		String mongoUri = Infrastructure.mongoUri().replace("/ridertrack", "/" + database);
		int riders = 30;
		int perRider = 400;
		Set<String> expected = new HashSet<>();
		Instant start = Instant.parse("2026-11-22T10:00:00Z");

		try (MongoClient client = MongoClients.create(mongoUri);
				KafkaProducer<String, RiderLocation> producer = TestTraffic
					.fixProducer(Infrastructure.kafkaBootstrapServers())) {
			MongoDatabase history = client.getDatabase(database);
			int port = Infrastructure.freePort();
			Process first = startWriter(run, mongoUri, port, "first");
			awaitHealthy(port);

			List<CompletableFuture<?>> sends = new CopyOnWriteArrayList<>();
			AtomicInteger seq = new AtomicInteger();
			ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
			try {
				// 30 riders, a fix each every 20 ms: 1,500 fixes/s for 8 s
				load.scheduleAtFixedRate(() -> {
					int s = seq.getAndIncrement();
					if (s < perRider) {
						for (int r = 0; r < riders; r++) {
							RiderLocation fix = TestTraffic.fix(TestTraffic.riderId(prefix, r), s, null, start);
							expected.add(fix.fixId());
							sends.add(TestTraffic.send(producer, fix));
						}
					}
				}, 0, 20, TimeUnit.MILLISECONDS);

				await().atMost(Duration.ofSeconds(120)).until(() -> StoredFixes.counted(history) >= 2000);
				first.destroyForcibly().waitFor();
				long atKill = StoredFixes.counted(history);
				assertThat(atKill).as("killed in the middle of the run").isLessThan((long) riders * perRider);

				startWriter(run, mongoUri, port, "second");
				await().atMost(Duration.ofSeconds(60)).until(() -> seq.get() >= perRider);
				CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			}
			finally {
				load.shutdownNow();
			}
			assertThat(expected).hasSize(riders * perRider);
			// includes starting the second writer, over a minute on a busy machine
			await().atMost(Duration.ofSeconds(240))
				.untilAsserted(() -> assertThat(StoredFixes.ids(history, prefix)).hasSize(expected.size()));
			List<String> stored = StoredFixes.ids(history, prefix);
			// exactly once: as many stored fixes as distinct ones, and those are the
			// acknowledged ones
			assertThat(stored).doesNotHaveDuplicates();
			assertThat(new HashSet<>(stored)).isEqualTo(expected);
			// what the history API counts
			assertThat(StoredFixes.counted(history)).isEqualTo(expected.size());
		}
	}

	private Process startWriter(String run, String mongoUri, int port, String name) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		File log = Path.of("target", "crash-writer-" + run + "-" + name + ".log").toFile();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString(), "--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + mongoUri, "--spring.kafka.consumer.group-id=db-writer-crash-" + run,
				"--ridertrack.dbwriter.batch-size=1000", "--ridertrack.dbwriter.batch-age=500ms")
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		this.writers.add(process);
		return process;
	}

	private static void awaitHealthy(int port) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		// generous: a busy 2-core machine takes over a minute to start a Spring Boot jar
		await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
			HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		});
	}

}
