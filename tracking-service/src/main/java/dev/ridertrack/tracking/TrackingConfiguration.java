package dev.ridertrack.tracking;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

}
