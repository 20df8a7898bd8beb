package dev.ridertrack.tracking.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import dev.ridertrack.tracking.Fixes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order listener commits on a timer, not after every poll (issue 14: each commit is a
 * request and a record in {@code __consumer_offsets}), and still commits everything it
 * wrote within about a second, so the Kafka page's lag returns to zero. A group of its
 * own, so other test contexts on the broker neither share its partitions nor its commits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.consumer.group-id=" + ListenerCommitsIntegrationTests.GROUP)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class ListenerCommitsIntegrationTests {

	static final String GROUP = "tracking-commits-test";

	/** About 20 KB of order events: polled in one or a few polls. */
	private static final int EVENTS_PER_BURST = 60;

	private static final int BURSTS = 12;

	@Autowired
	TestRestTemplate http;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	private final String run = UUID.randomUUID().toString().substring(0, 6);

	private Fixes producer;

	private KafkaConsumer<byte[], byte[]> commitLog;

	private Admin admin;

	@BeforeEach
	void watchTheCommits() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.listeners.getListenerContainer("tracking-orders").getAssignedPartitions())
						.isNotEmpty());
		this.producer = new Fixes(Infrastructure.kafkaBootstrapServers());
		this.admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
		this.commitLog = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, false),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.commitLog.partitionsFor("__consumer_offsets", Duration.ofSeconds(10))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.commitLog.assign(partitions);
		this.commitLog.seekToEnd(partitions);
		partitions.forEach(this.commitLog::position);
	}

	@AfterEach
	void close() {
		this.commitLog.close();
		this.admin.close();
		this.producer.close();
	}

	@Test
	void commitsOrderEventsOnATimerAndStillWithinASecondOfTheLastOne() {
		long started = System.nanoTime();
		// bursts, each only after the previous one is in Redis: at least one poll each,
		// several polls a second
		for (int burst = 0; burst < BURSTS; burst++) {
			String last = null;
			for (int i = 0; i < EVENTS_PER_BURST; i++) {
				last = "order-commits-" + this.run + "-" + burst + "-" + i;
				this.producer.send(Topics.ORDER_EVENTS.name(), last,
						new OrderEvent(last, null, OrderStatus.CREATED, new Place("r1", "Pho Bar", 21.03, 105.85),
								new Place("c1", "Home", 21.02, 105.84), Instant.now()));
			}
			this.producer.flush();
			String written = last;
			await().atMost(Duration.ofSeconds(20))
				.until(() -> operatorGet("/api/v1/orders/" + written).getStatusCode() == HttpStatus.OK);
		}
		long writtenMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		// nothing more arrives, yet the last burst is committed within the commit
		// interval
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(lag()).isZero());
		long committedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		assertThat(committedMs - writtenMs)
			.isLessThanOrEqualTo(KafkaListenersConfiguration.COMMIT_INTERVAL.toMillis() + 1000);
		// at most one commit per timer period (half the interval) and the last one;
		// committing per poll would be one per burst
		int commits = commitsOfOrderEvents();
		assertThat(commits).isPositive()
			.isLessThanOrEqualTo(2 + (int) (committedMs / (KafkaListenersConfiguration.COMMIT_INTERVAL.toMillis() / 2)))
			.isLessThan(BURSTS);
	}

	private long lag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		List<TopicPartition> partitions = committed.keySet()
			.stream()
			.filter((p) -> p.topic().equals(Topics.ORDER_EVENTS.name()))
			.toList();
		Map<TopicPartition, Long> ends = this.admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (p) -> OffsetSpec.latest())))
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().offset()));
		assertThat(partitions).isNotEmpty();
		return partitions.stream().mapToLong((p) -> ends.get(p) - committed.get(p).offset()).sum();
	}

	/**
	 * Offset commits of this group for order-events: a commit writes one record per
	 * partition, all with the commit's time.
	 */
	private int commitsOfOrderEvents() {
		Set<Long> commits = new HashSet<>();
		for (int round = 0; round < 20; round++) {
			var records = this.commitLog.poll(Duration.ofMillis(200));
			if (records.isEmpty() && round > 2) {
				break;
			}
			for (ConsumerRecord<byte[], byte[]> record : records) {
				if (record.value() != null && isOrderEventsCommitOfThisGroup(record.key())) {
					commits.add(record.timestamp());
				}
			}
		}
		return commits.size();
	}

	/** The key of an offset commit: version 0 or 1, group, topic, partition. */
	private static boolean isOrderEventsCommitOfThisGroup(byte[] key) {
		ByteBuffer buffer = ByteBuffer.wrap(key);
		short version = buffer.getShort();
		return (version == 0 || version == 1) && GROUP.equals(string(buffer))
				&& Topics.ORDER_EVENTS.name().equals(string(buffer));
	}

	private static String string(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.getShort()];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private org.springframework.http.ResponseEntity<String> operatorGet(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
