package dev.ridertrack.loadgen.run;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The load generator's own producer settings, for benchmarks that must produce as it does
 * (in its package, as {@link KafkaPublisher#config} is not public).
 */
public final class GeneratorProducer {

	private GeneratorProducer() {
	}

	/**
	 * The settings {@link KafkaPublisher} sends fixes with at this rate.
	 * @param bootstrap the brokers
	 * @param fixesPerSecond the rate, which sets the linger
	 * @return a new, modifiable map
	 */
	public static Map<String, Object> config(String bootstrap, double fixesPerSecond) {
		return KafkaPublisher.config(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
				KafkaPublisher.lingerMs(fixesPerSecond));
	}

}
