package dev.ridertrack.producer.ingest;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The producer for {@code rider-locations} (its settings are
 * {@code spring.kafka.producer.*}: {@code acks=all}, idempotence, lz4, bounded blocking
 * and delivery time) and the rider token check in front of the API.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	ProducerFactory<String, RiderLocation> riderLocationProducerFactory(KafkaProperties kafka) {
		return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new StringSerializer(),
				EventJson.serializer());
	}

	@Bean
	KafkaTemplate<String, RiderLocation> riderLocationTemplate(ProducerFactory<String, RiderLocation> producers) {
		return new KafkaTemplate<>(producers);
	}

	/**
	 * Fails the start when no secret is configured: without one, anybody could mint rider
	 * tokens.
	 */
	@Bean
	HmacTokens riderTokens(SecurityProperties security) {
		String secret = security.tokenSecret();
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("ridertrack.security.token-secret is not set: set the environment variable "
					+ "RIDERTRACK_SECURITY_TOKEN_SECRET (at least 16 characters), "
					+ "or run with the 'local' profile for the development secret");
		}
		return new HmacTokens(secret, "rider");
	}

	@Bean
	RiderAuthentication riderAuthentication(HmacTokens riderTokens) {
		return new RiderAuthentication(riderTokens);
	}

	@Bean
	WebMvcConfigurer riderAuthenticationInterceptor(RiderAuthentication riderAuthentication) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(riderAuthentication)
					.addPathPatterns("/api/v1/locations", "/api/v1/locations/**");
			}

		};
	}

}
