package dev.ridertrack.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch listener that reports unreadable records with {@link PoisonRecords}, behind the
 * platform's error handler, on the real broker: the record is dead-lettered at its first
 * delivery. Were it retried, a consumer whose other partitions keep it busy would start
 * its retries over after every poll without that partition, and never get past it.
 */
class PoisonRecordsIntegrationTests {

	private final String topic = "poison-check-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void deadLettersAnUnreadableRecordAtItsFirstDeliveryAndKeepsGoing() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			admin
				.createTopics(List.of(new NewTopic(this.topic, 1, (short) 1),
						new NewTopic(this.topic + ".DLT", 1, (short) 1)))
				.all()
				.get();
		}
		byte[] poison = "{not a fix".getBytes();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(this.topic, "rider-1", json(fix(1))));
			producer.send(new ProducerRecord<>(this.topic, "rider-1", poison));
			producer.send(new ProducerRecord<>(this.topic, "rider-1", json(fix(2))));
			producer.flush();
		}

		AtomicInteger deliveriesOfThePoison = new AtomicInteger();
		Set<Long> processed = ConcurrentHashMap.newKeySet();
		KafkaMessageListenerContainer<String, RiderLocation> container = container(
				(BatchMessageListener<String, RiderLocation>) (records) -> {
					int poisonAt = PoisonRecords.firstUnreadable(records);
					for (int i = 0; i < poisonAt; i++) {
						processed.add(records.get(i).value().seq());
					}
					if (poisonAt < records.size()) {
						deliveriesOfThePoison.incrementAndGet();
					}
					PoisonRecords.reportAt(records, poisonAt);
				});
		container.start();
		try {
			List<String> deadLetters = new CopyOnWriteArrayList<>();
			try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					Infrastructure.kafkaBootstrapServers(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
					ConsumerConfig.GROUP_ID_CONFIG, this.topic + "-dlt-reader"), new StringDeserializer(),
					new ByteArrayDeserializer())) {
				dlt.subscribe(List.of(this.topic + ".DLT"));
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					for (ConsumerRecord<String, byte[]> record : dlt.poll(Duration.ofMillis(200))) {
						deadLetters.add(new String(record.value()));
					}
					assertThat(deadLetters).containsExactly(new String(poison));
					assertThat(processed).containsExactlyInAnyOrder(1L, 2L);
				});
			}
			assertThat(deliveriesOfThePoison).as("deliveries of the unreadable record").hasValue(1);
		}
		finally {
			container.stop();
		}
	}

	private KafkaMessageListenerContainer<String, RiderLocation> container(
			BatchMessageListener<String, RiderLocation> listener) {
		KafkaProperties properties = new KafkaProperties();
		properties.setBootstrapServers(List.of(Infrastructure.kafkaBootstrapServers()));
		Map<String, Object> config = properties.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.topic + "-group");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		DefaultKafkaConsumerFactory<String, RiderLocation> consumers = new DefaultKafkaConsumerFactory<>(config,
				new StringDeserializer(), new ErrorHandlingDeserializer<>(EventJson.deserializer(RiderLocation.class)));
		ContainerProperties containerProperties = new ContainerProperties(this.topic);
		containerProperties.setMessageListener(listener);
		KafkaMessageListenerContainer<String, RiderLocation> container = new KafkaMessageListenerContainer<>(consumers,
				containerProperties);
		// the error handler every service gets
		container.setCommonErrorHandler(new PlatformAutoConfiguration().deadLetterErrorHandler(properties));
		return container;
	}

	private static RiderLocation fix(long seq) {
		return new RiderLocation("rider-1", seq, null, 45.46, 9.19, 4, 90, 5, Instant.now());
	}

	private byte[] json(RiderLocation fix) {
		return EventJson.<RiderLocation>serializer().serialize(this.topic, fix);
	}

}
