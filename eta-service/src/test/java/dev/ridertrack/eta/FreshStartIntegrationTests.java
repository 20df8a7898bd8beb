package dev.ridertrack.eta;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh start gives ETAs within seconds, even when the state directory outlived the
 * cluster (issue 15, item 8: {@code ./ridertrack up --fresh} wiped Kafka but not the
 * Streams state, and the first ETAs came minutes late). Two runs of the application share
 * one state directory, as the local stack's runs do; between them the changelogs are
 * deleted, as a wiped cluster has none.
 */
class FreshStartIntegrationTests {

	static final Place RESTAURANT = new Place("r-1", "Dosa Corner", 19.0760, 72.8777);

	static final Place CUSTOMER = new Place("c-1", "Flat 12", 19.0850, 72.8777);

	/**
	 * Within this of a rider's first fix of the new run, the order has an ETA. Measured:
	 * about 1 s on the embedded broker (the next fix after the order crossed the
	 * repartition topic); with the old state kept, never within minutes.
	 */
	static final Duration FIRST_ETA_WITHIN = Duration.ofSeconds(20);

	@TempDir
	Path stateDir;

	final String applicationId = "eta-fresh-" + UUID.randomUUID();

	final String riderId = "rider-" + UUID.randomUUID();

	KafkaProducer<String, Object> producer;

	@BeforeEach
	void connect() {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
				EventJson.serializer());
	}

	@AfterEach
	void disconnect() {
		this.producer.close();
	}

	@Test
	void publishesFirstEtaWithinSecondsOfFirstFixWhenOnlyTheStateDirectorySurvivedTheCluster() {
		// the earlier run: the rider's phone had counted its fixes up to 10,000
		try (ConfigurableApplicationContext earlier = start()) {
			awaitRunning(earlier);
			String order = "order-" + UUID.randomUUID();
			assign(order);
			long[] seq = { 10_000 };
			try (EtaReader etas = new EtaReader()) {
				await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					sendFix(++seq[0], order);
					assertThat(etas.orders()).contains(order);
				});
			}
		}
		deleteChangelogs();

		// the new run: same rider id, a new order, and the phone counts from 1 again
		try (ConfigurableApplicationContext fresh = start()) {
			awaitRunning(fresh);
			String order = "order-" + UUID.randomUUID();
			assign(order);
			long[] seq = { 0 };
			try (EtaReader etas = new EtaReader()) {
				Instant firstFix = Instant.now();
				await().atMost(FIRST_ETA_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					sendFix(++seq[0], order);
					assertThat(etas.orders())
						.as("orders with an ETA, %s after the first fix", Duration.between(firstFix, Instant.now()))
						.contains(order);
				});
			}
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(EtaServiceApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--spring.kafka.streams.application-id=" + this.applicationId,
				"--ridertrack.streams.state-dir=" + this.stateDir);
	}

	private static void awaitRunning(ConfigurableApplicationContext context) {
		StreamsBuilderFactoryBean streams = context.getBean(StreamsBuilderFactoryBean.class);
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING));
	}

	private void assign(String order) {
		this.producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), order,
				new OrderEvent(order, this.riderId, OrderStatus.ASSIGNED, RESTAURANT, CUSTOMER, Instant.now())));
		this.producer.flush();
	}

	private void sendFix(long seq, String order) {
		this.producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), this.riderId,
				new RiderLocation(this.riderId, seq, order, 19.0700, 72.8777, 6.0, 0, 5, Instant.now())));
		this.producer.flush();
	}

	private void deleteChangelogs() {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			Set<String> changelogs = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((topic) -> topic.startsWith(this.applicationId + "-") && topic.endsWith("-changelog"))
				.collect(Collectors.toSet());
			assertThat(changelogs).isNotEmpty();
			admin.deleteTopics(changelogs).all().get(30, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(changelogs));
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not delete the changelogs", ex);
		}
	}

	/** Reads the ETAs published from now on. */
	static final class EtaReader implements AutoCloseable {

		private final KafkaConsumer<String, EtaUpdate> consumer;

		private final List<String> orders = new ArrayList<>();

		EtaReader() {
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
					new StringDeserializer(), EventJson.deserializer(EtaUpdate.class));
			List<TopicPartition> partitions = this.consumer.partitionsFor(Topics.ETA_UPDATES.name())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
		}

		List<String> orders() {
			this.consumer.poll(Duration.ofMillis(200)).forEach((record) -> this.orders.add(record.key()));
			return this.orders;
		}

		@Override
		public void close() {
			this.consumer.close();
		}

	}

}
