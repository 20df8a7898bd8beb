package dev.ridertrack.platform;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wires what every RiderTrack service shares. Each bean backs off when a service declares
 * its own.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin);
	}

	/**
	 * The catalog's topics, so a service started against an empty cluster finds them; the
	 * broker never auto-creates topics.
	 */
	@Bean
	KafkaAdmin.NewTopics catalogTopics(TopicsProperties topics) {
		return new KafkaAdmin.NewTopics(CatalogTopics.newTopics(topics.replicationFactor(), topics.minInsyncReplicas())
			.toArray(NewTopic[]::new));
	}

	/**
	 * Poison records go to {@code <topic>.DLT} as the raw bytes that arrived, with the
	 * error in the headers; the consumer moves on. Other failures are retried twice
	 * first.
	 */
	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler deadLetterErrorHandler(KafkaProperties kafkaProperties) {
		return new DefaultErrorHandler(DeadLetters.recoverer(kafkaProperties), new FixedBackOff(200, 2));
	}

}
