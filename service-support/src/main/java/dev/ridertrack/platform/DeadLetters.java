package dev.ridertrack.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Where poison records go: {@code <topic>.DLT}, same partition, the error in the headers.
 * One definition for every consumer, listener containers and Kafka Streams alike.
 */
public final class DeadLetters {

	private DeadLetters() {
	}

	/**
	 * The dead-letter destination of a failed record. Spring Kafka 4 would choose
	 * {@code <topic>-dlt}, a topic the catalog does not declare and the broker will not
	 * auto-create.
	 * @return the destination resolver
	 */
	public static BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination() {
		return (record, ex) -> new TopicPartition(record.topic() + TopicSpec.DEAD_LETTER_SUFFIX, record.partition());
	}

	/**
	 * A recoverer that republishes a record that could not be read as the bytes that
	 * arrived, and one that was read but failed in processing as its JSON.
	 * @param kafkaProperties Spring's Kafka settings (acks=all, idempotence)
	 * @return the recoverer
	 */
	public static DeadLetterPublishingRecoverer recoverer(KafkaProperties kafkaProperties) {
		Map<String, Object> config = kafkaProperties.buildProducerProperties();
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer())));
		templates.put(Object.class, new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(config, new StringSerializer(), EventJson.serializer())));
		return new DeadLetterPublishingRecoverer(templates, destination());
	}

}
