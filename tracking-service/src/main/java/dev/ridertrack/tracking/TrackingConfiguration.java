package dev.ridertrack.tracking;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring shared by the features: the clock (replaceable in tests) and scheduling.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TrackingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Lettuce flushes every pipelined command by default, which makes a pipeline as slow
	 * as single calls; buffer them and flush once per thousand (and at the end).
	 */
	@Bean
	static BeanPostProcessor redisPipelineBuffering() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy.buffered(1000));
				}
				return bean;
			}
		};
	}

}
