package dev.ridertrack.producer.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads {@code rider-locations} on the test broker as any outside client would: keys and
 * values as plain strings.
 */
public final class RiderLocationsTopic {

	private RiderLocationsTopic() {
	}

	/**
	 * Every record of one rider, from the start of the topic up to and including the
	 * first whose value satisfies {@code last}; waits for that one to arrive.
	 */
	public static List<ConsumerRecord<String, String>> recordsOf(String riderId, String lastValueContains) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.RIDER_LOCATIONS.name())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (riderId.equals(record.key())) {
						records.add(record);
					}
				}
				return records.stream().anyMatch((record) -> record.value().contains(lastValueContains));
			});
			return records;
		}
	}

}
