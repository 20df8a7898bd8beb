package dev.ridertrack.testsupport;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * Points a Spring Boot test's Kafka, Redis and MongoDB clients at the test JVM's
 * {@link Infrastructure}. The values are suppliers: a server starts only if the
 * application under test reads its address.
 * <p>
 * An initializer, not a {@code DynamicPropertyRegistrar} bean: a registrar's properties
 * reach only the beans created after it, and a servlet filter that needs Redis (the
 * operator sessions) is created with the web server, before it. The property source is in
 * the environment before the context refreshes, whatever the order of the beans.
 */
public class InfrastructureTestConfiguration implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new InfrastructureProperties());
	}

	private static final class InfrastructureProperties extends PropertySource<Object> {

		private static final Map<String, Supplier<Object>> VALUES = Map.of("spring.kafka.bootstrap-servers",
				Infrastructure::kafkaBootstrapServers, "spring.data.redis.host",
				() -> Infrastructure.redis().getHostString(), "spring.data.redis.port",
				() -> Infrastructure.redis().getPort(), "spring.mongodb.uri", Infrastructure::mongoUri);

		InfrastructureProperties() {
			super("ridertrackInfrastructure");
		}

		@Override
		public Object getProperty(String name) {
			Supplier<Object> value = VALUES.get(name);
			return (value != null) ? value.get() : null;
		}

	}

}
