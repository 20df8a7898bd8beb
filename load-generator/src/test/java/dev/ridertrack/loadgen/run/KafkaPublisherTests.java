package dev.ridertrack.loadgen.run;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's producer: lossless at any rate, and its batches wait less at a high
 * rate, where they fill anyway.
 */
class KafkaPublisherTests {

	private static Map<String, Object> settingsAt(double fixesPerSecond) {
		return KafkaPublisher.config(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"),
				KafkaPublisher.lingerMs(fixesPerSecond));
	}

	@Test
	void theSeedsScenarioBatchesForTwentyMillisecondsAndTheDefaultRunForFifty() {
		// 100,000 riders every 5 s; ./ridertrack up's 2,000 riders every 5 s
		assertThat(settingsAt(20_000)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20);
		assertThat(settingsAt(400)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 50);
		assertThat(KafkaPublisher.lingerMs(4_999)).isEqualTo(50);
		assertThat(KafkaPublisher.lingerMs(5_000)).isEqualTo(20);
	}

	@Test
	void everyRateIsAcknowledgedByEveryInSyncReplicaAndRetriedWithoutDuplicates() {
		for (double rate : new double[] { 400, 20_000 }) {
			assertThat(settingsAt(rate)).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
				.doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		}
	}

}
