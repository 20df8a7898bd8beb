package dev.ridertrack.producer.security;

import java.time.Clock;

import dev.ridertrack.platform.HmacTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rider tokens in front of the ingestion API.
 */
@Configuration(proxyBeanMethods = false)
class RiderTokenConfiguration {

	/**
	 * Fails the start when no secret is configured: without one, anybody could mint rider
	 * tokens.
	 */
	@Bean
	RiderTokens riderTokens(SecurityProperties security) {
		String secret = security.tokenSecret();
		if (secret == null || secret.isBlank()) {
			throw new MissingTokenSecretException();
		}
		return new RiderTokens(new HmacTokens(secret, security.previousSecret(), "rider", security.riderTokenLifetime(),
				Clock.systemUTC()));
	}

}
