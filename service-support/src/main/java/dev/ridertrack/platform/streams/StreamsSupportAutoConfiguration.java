package dev.ridertrack.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import dev.ridertrack.platform.DeadLetters;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * What every Kafka Streams service of RiderTrack needs around its topology: poison
 * records to the dead-letter topic, local state of another cluster wiped before the
 * start, and a health indicator that follows the streams' state. Active in a service that
 * enables Kafka Streams ({@code @EnableKafkaStreams}).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaStreams.class)
@ConditionalOnBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
public class StreamsSupportAutoConfiguration {

	/**
	 * The producer for poison records: the bytes that arrived, unchanged. Not a
	 * {@code ProducerFactory} bean, so Boot's own producer factory stays.
	 * @param kafkaProperties Spring's Kafka settings (acks=all, idempotence)
	 * @return the publisher, closed with the context
	 */
	@Bean
	DeadLetterPublisher deadLetterPublisher(KafkaProperties kafkaProperties) {
		return new DeadLetterPublisher(new DefaultKafkaProducerFactory<>(kafkaProperties.buildProducerProperties(),
				new ByteArraySerializer(), new ByteArraySerializer()));
	}

	/**
	 * A record that cannot be read goes to {@code <topic>.DLT} (same partition, error in
	 * the headers) and the topology moves on, instead of stopping the stream thread.
	 * @param publisher the producer for poison records
	 * @return the configurer that installs the handler
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer deadLetterDeserializationHandler(DeadLetterPublisher publisher) {
		return (factoryBean) -> {
			Properties config = factoryBean.getStreamsConfiguration();
			DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
					new KafkaTemplate<>(publisher.producerFactory()), DeadLetters.destination());
			Object applicationId = config.get(StreamsConfig.APPLICATION_ID_CONFIG);
			if (applicationId != null) {
				// Spring Kafka names the failing group only for listener containers; a
				// Streams application's group is its application id, and the dead letter
				// should say which group gave up on the record, as every other one does
				byte[] group = applicationId.toString().getBytes(StandardCharsets.UTF_8);
				recoverer.addHeadersFunction((record, ex) -> new RecordHeaders(
						new Header[] { new RecordHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group) }));
			}
			config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
					RecoveringDeserializationExceptionHandler.class);
			config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, recoverer);
			factoryBean.setStreamsConfiguration(config);
		};
	}

	/** Owns the dead-letter producer and closes it on shutdown. */
	record DeadLetterPublisher(DefaultKafkaProducerFactory<byte[], byte[]> producerFactory) implements DisposableBean {

		@Override
		public void destroy() {
			this.producerFactory.destroy();
		}

	}

	/**
	 * Local state built from another cluster's changelogs is wiped before the streams
	 * start, instead of posing as current (see {@link StaleStateGuard}).
	 * @return the configurer that installs the guard
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer staleStateGuard() {
		return (factoryBean) -> factoryBean
			.setKafkaStreamsCustomizer(new StaleStateGuard(factoryBean.getStreamsConfiguration()));
	}

	/**
	 * A stopped instance leaves its group at once, so its tasks move to the others in
	 * seconds. Kafka Streams' default is to stay a member until the session timeout (45
	 * s): scaling a Streams service down from the Kafka page would stall its partitions
	 * that long.
	 * @return the configurer that makes {@code close()} send a leave-group request
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
		return (factoryBean) -> factoryBean.setLeaveGroupOnClose(true);
	}

	@Bean
	KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
		return new KafkaStreamsHealthIndicator(factoryBean);
	}

}
