package dev.ridertrack.tracking;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring shared by the features: the clock (replaceable in tests), scheduling and the
 * Redis client's settings.
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

	/**
	 * Lettuce's timer, which times commands out, ticks once a second instead of every 100
	 * ms: once started, its thread wakes at every tick whether a command is outstanding
	 * or not (0.1 % of a core in an idle stack, issue 14). A command's timeout (60 s)
	 * fires at most a second late.
	 * @return the timer, stopped with the context
	 */
	@Bean(destroyMethod = "stop")
	HashedWheelTimer redisTimer() {
		return new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true), 1, TimeUnit.SECONDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer redisTimerCustomizer(HashedWheelTimer redisTimer) {
		return (builder) -> builder.timer(redisTimer);
	}

}
