package dev.ridertrack.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring Boot test's Kafka, Redis and MongoDB clients at the test JVM's
 * {@link Infrastructure}. The values are suppliers: a server starts only if the
 * application under test reads its address.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureTestConfiguration {

	@Bean
	DynamicPropertyRegistrar ridertrackInfrastructure() {
		return (registry) -> {
			registry.add("spring.kafka.bootstrap-servers", Infrastructure::kafkaBootstrapServers);
			registry.add("spring.data.redis.host", () -> Infrastructure.redis().getHostString());
			registry.add("spring.data.redis.port", () -> Infrastructure.redis().getPort());
			registry.add("spring.mongodb.uri", Infrastructure::mongoUri);
		};
	}

}
