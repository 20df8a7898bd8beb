package dev.ridertrack.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.TopicSpec;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
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
		Map<String, Object> config = kafkaProperties.buildProducerProperties();
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		// A record that could not be read is republished as the bytes that arrived; one
		// that was read but failed in processing, as its JSON.
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer())));
		templates.put(Object.class, new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), EventJson.serializer())));
		// Spring Kafka 4's default destination is "<topic>-dlt"; the catalog declares
		// "<topic>.DLT"
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
				(record, ex) -> new TopicPartition(record.topic() + TopicSpec.DEAD_LETTER_SUFFIX, record.partition()));
		return new DefaultErrorHandler(recoverer, new FixedBackOff(200, 2));
	}

}
