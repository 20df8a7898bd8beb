package dev.ridertrack.eta.estimate;

import dev.ridertrack.events.EtaUpdate;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * Hands the topology to Spring's {@code StreamsBuilderFactoryBean}, which runs it with
 * the {@code spring.kafka.streams.*} settings and stops it cleanly on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class EtaStreamsConfiguration {

	@Bean
	KStream<String, EtaUpdate> etaTopology(StreamsBuilder builder, EtaProperties settings) {
		return EtaTopology.build(builder, settings);
	}

}
