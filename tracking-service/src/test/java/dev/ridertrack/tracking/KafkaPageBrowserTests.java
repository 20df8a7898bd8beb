package dev.ridertrack.tracking;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the Kafka page ({@code /kafka}) in headless Chromium (driven by
 * {@code src/test/browser/kafka-check.mjs}) on the embedded broker while two groups of
 * our own read: a classic group of two sharing {@code rider-locations}, and a KIP-848
 * group of three on a two-partition topic, so one member sits idle. Every section must
 * show data, a rider's fixes must come from one partition in seq order, a poison record
 * must be explained as a dead letter. Screenshots go to {@code target/screenshots/}.
 * Needs {@code /usr/bin/chromium} (or {@code CHROMIUM}), {@code node} and
 * {@code npm install --prefix tracking-service/src/test/browser}; says which is missing
 * and is skipped otherwise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@ActiveProfiles("test")
class KafkaPageBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void kafkaPageShowsTheClusterTopicsGroupsTimelineAndMessages() throws Exception {
		Path browserDir = Path.of("src/test/browser").toAbsolutePath();
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		Assumptions.assumeTrue(new File(chromium).canExecute(),
				"SKIPPED: headless Chromium not found at " + chromium + " (apt-get install -y chromium)");
		Assumptions.assumeTrue(Files.isDirectory(browserDir.resolve("node_modules/playwright-core")),
				"SKIPPED: playwright-core missing (npm install --prefix tracking-service/src/test/browser)");
		String run = UUID.randomUUID().toString().substring(0, 6);
		String rider = "rider-kafka-page-" + run;
		String shared = "kafka-page-shared-" + run;
		String idleTopic = "kafka-page-two-" + run;
		String idleGroup = "kafka-page-idle-" + run;
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(idleTopic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		try (Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers()); Readers readers = new Readers()) {
			for (int seq = 1; seq <= 20; seq++) {
				fixes.send(Fixes.fix(rider, seq, 52.52, 13.405 + seq / 1000.0));
				fixes.send(Fixes.fix("rider-kafka-page-" + run + "-" + seq, 1, 52.5, 13.4));
				fixes.sendRaw(idleTopic, "k" + seq, ("{\"n\": " + seq + "}").getBytes());
			}
			// tracking-service cannot read this one: its error handler sends it to the
			// dead-letter topic
			fixes.sendRaw("rider-locations", "poison-" + run, ("{not json " + run).getBytes());
			fixes.flush();
			readers.start(shared, "classic", "rider-locations", 2);
			readers.start(idleGroup, "consumer", idleTopic, 3);

			Path out = Path.of("target/screenshots").toAbsolutePath();
			Process node = new ProcessBuilder("node", "kafka-check.mjs", "http://127.0.0.1:" + this.port,
					"test-operator", out.toString(), shared, rider, "rider-locations.DLT")
				.directory(browserDir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(node.getInputStream().readAllBytes());
			boolean finished = node.waitFor(4, TimeUnit.MINUTES);
			System.out.println(output);
			assertThat(finished).as("browser check finished").isTrue();
			assertThat(node.exitValue()).as(output).isZero();
			assertThat(output).contains("group " + shared + ": 12 partition cells, 2 member(s)");
			for (String shot : Set.of("kafka-cluster.png", "kafka-topics.png", "kafka-groups.png", "kafka-timeline.png",
					"kafka-messages.png", "kafka-messages-key.png", "kafka-messages-dlt.png")) {
				assertThat(out.resolve(shot)).exists();
			}
		}
	}

	/**
	 * Consumers that stay in their groups while the page watches: each polls on its own
	 * thread (a consumer is not thread-safe) and commits what it read.
	 */
	private static final class Readers implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final List<Thread> threads = new ArrayList<>();

		void start(String group, String protocol, String topic, int members) {
			for (int i = 1; i <= members; i++) {
				Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
						Infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
						ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol, ConsumerConfig.CLIENT_ID_CONFIG,
						group + "-" + i, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
				Thread thread = new Thread(() -> read(config, topic), group + "-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		private void read(Map<String, Object> config, String topic) {
			try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
					new ByteArrayDeserializer())) {
				consumer.subscribe(List.of(topic));
				while (this.running.get()) {
					if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
						consumer.commitSync();
					}
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
		}

	}

}
