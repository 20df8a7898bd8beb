package dev.ridertrack.producer.ingest;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer for {@code rider-locations}: {@code spring.kafka.producer.*} settings
 * ({@code acks=all}, idempotence, lz4, bounded blocking and delivery time), string keys
 * and {@link EventJson} values without type headers.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	ProducerFactory<String, RiderLocation> riderLocationProducerFactory(KafkaProperties kafka) {
		return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
				EventJson.serializer());
	}

	/**
	 * Once the topics exist: the producer learns rider-locations' partitions, so that no
	 * request's send has to wait for them (see {@link LocationPublisher}).
	 */
	@Bean
	ApplicationRunner riderLocationPartitions(LocationPublisher publisher) {
		return (args) -> publisher.connect();
	}

	@Bean
	KafkaTemplate<String, RiderLocation> riderLocationTemplate(ProducerFactory<String, RiderLocation> producers) {
		KafkaTemplate<String, RiderLocation> template = new KafkaTemplate<>(producers);
		// a timer per send is measurable CPU at tens of thousands of fixes a second, and
		// says nothing that ridertrack.ingest.produce (per request) and the producer's
		// own metrics do not
		template.setMicrometerEnabled(false);
		return template;
	}

}
