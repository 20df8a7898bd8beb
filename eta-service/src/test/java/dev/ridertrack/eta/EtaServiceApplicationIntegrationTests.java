package dev.ridertrack.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.HealthAssert;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ridertrack.streams.state-dir=${java.io.tmpdir}/ridertrack-it/${random.uuid}")
@AutoConfigureTestRestTemplate
@WithInfrastructure
class EtaServiceApplicationIntegrationTests {

	static final Place RESTAURANT = new Place("r-1", "Dosa Corner", 19.0760, 72.8777);

	static final Place CUSTOMER = new Place("c-1", "Flat 12", 19.0850, 72.8777);

	@Autowired
	TestRestTemplate http;

	@Autowired
	StreamsBuilderFactoryBean streams;

	@Test
	void reportsHealthyWithEveryConnectionItNeeds() {
		HealthAssert.assertHealthy(this.http, "kafka", "kafkaStreams");
	}

	@Test
	void publishesEtaOfRiderOnOrderAndSendsPoisonFixesToDeadLetterTopic() {
		String orderId = "order-" + UUID.randomUUID();
		String riderId = "rider-" + UUID.randomUUID();
		Instant now = Instant.now();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				EventJson.serializer());
				KafkaProducer<String, byte[]> rawProducer = new KafkaProducer<>(producerConfig(),
						new StringSerializer(), new ByteArraySerializer())) {
			rawProducer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId, "{not json".getBytes()));
			rawProducer.flush();
			producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
					new OrderEvent(orderId, riderId, OrderStatus.ASSIGNED, RESTAURANT, CUSTOMER, now)));
			producer.flush();
			// The order must be in the table before the fix is joined: wait for it to
			// cross the repartition topic by sending fixes until one is answered.
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				long seq = System.nanoTime();
				producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId,
						new RiderLocation(riderId, seq, orderId, 19.0700, 72.8777, 6.0, 0, 5, Instant.now())));
				producer.flush();
				assertThat(read(Topics.ETA_UPDATES.name(), EtaUpdate.class, Duration.ofSeconds(3)))
					.anySatisfy((update) -> {
						assertThat(update.orderId()).isEqualTo(orderId);
						assertThat(update.riderId()).isEqualTo(riderId);
						assertThat(update.remainingMeters()).isGreaterThan(1500);
					});
			});
		}
		List<ConsumerRecord<String, byte[]>> deadLetters = readRaw(Topics.RIDER_LOCATIONS.deadLetter().name(),
				Duration.ofSeconds(10));
		assertThat(deadLetters).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(riderId);
			assertThat(new String(record.value())).isEqualTo("{not json");
			// the dead letter names the group that gave up on it, as the listeners' do
			assertThat(record.headers().lastHeader("kafka_dlt-original-consumer-group"))
				.satisfies((group) -> assertThat(new String(group.value())).isEqualTo("eta"));
		});
	}

	@Test
	void anOrderAssignedBeforeARestartStillGetsEtasAfterIt() {
		String orderId = "order-" + UUID.randomUUID();
		String riderId = "rider-" + UUID.randomUUID();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				EventJson.serializer())) {
			producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
					new OrderEvent(orderId, riderId, OrderStatus.ASSIGNED, RESTAURANT, CUSTOMER, Instant.now())));
			producer.flush();
			awaitEta(producer, orderId, riderId, 19.0700, (update) -> update.remainingMeters() > 1600);
			// The active orders are kept in memory: a new KafkaStreams has only what it
			// rebuilds from the store's changelog. No order event comes after the
			// restart.
			this.streams.stop();
			this.streams.start();
			// a fix older than those before the restart, 14 km away: the rider's state
			// (its newest seq) came back with the store, so it is skipped, not estimated
			producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId,
					new RiderLocation(riderId, 1, orderId, 19.2000, 72.8777, 6.0, 0, 5, Instant.now())));
			// 445 m to the restaurant, then 1,000 m to the customer
			awaitEta(producer, orderId, riderId, 19.0800, (update) -> update.remainingMeters() < 1500);
			assertThat(read(Topics.ETA_UPDATES.name(), EtaUpdate.class, Duration.ofSeconds(3)))
				.filteredOn((update) -> update.orderId().equals(orderId))
				.allMatch((update) -> update.remainingMeters() < 5000);
		}
	}

	/**
	 * Sends the rider's fixes at a latitude until an ETA of the order matching the check
	 * is published.
	 */
	private static void awaitEta(KafkaProducer<String, Object> producer, String orderId, String riderId, double lat,
			Predicate<EtaUpdate> check) {
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId,
					new RiderLocation(riderId, System.nanoTime(), orderId, lat, 72.8777, 6.0, 0, 5, Instant.now())));
			producer.flush();
			assertThat(read(Topics.ETA_UPDATES.name(), EtaUpdate.class, Duration.ofSeconds(3)))
				.anyMatch((update) -> update.orderId().equals(orderId) && check.test(update));
		});
	}

	private static Map<String, Object> producerConfig() {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
	}

	private static Map<String, Object> consumerConfig() {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
	}

	private static <T> List<T> read(String topic, Class<T> type, Duration within) {
		List<T> values = new ArrayList<>();
		try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
				EventJson.deserializer(type))) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + within.toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
			}
		}
		return values;
	}

	private static List<ConsumerRecord<String, byte[]>> readRaw(String topic, Duration within) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + within.toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
