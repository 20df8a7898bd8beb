package dev.ridertrack.producer.ingest;

import dev.ridertrack.platform.HmacTokens;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Rider tokens in front of the ingestion API.
 */
@Configuration(proxyBeanMethods = false)
class RiderTokenConfiguration {

	private final SecurityProperties security;

	RiderTokenConfiguration(SecurityProperties security) {
		this.security = security;
	}

	/**
	 * Fails the start when no secret is configured: without one, anybody could mint rider
	 * tokens.
	 */
	@Bean
	HmacTokens riderTokens() {
		String secret = this.security.tokenSecret();
		if (secret == null || secret.isBlank()) {
			throw new MissingTokenSecretException();
		}
		return new HmacTokens(secret, "rider");
	}

	@Bean
	RiderAuthentication riderAuthentication(HmacTokens riderTokens) {
		return new RiderAuthentication(riderTokens);
	}

	/**
	 * No {@code http.server.requests} observation for the two ingestion endpoints: it
	 * cost ~7% of a request's CPU, and {@code ridertrack.ingest.*} already counts every
	 * answer by outcome and times Kafka's part. Every other endpoint is observed as
	 * usual.
	 */
	@Bean
	ObservationPredicate ingestRequestsNotObserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier() != null && request.getCarrier().getPath().value().startsWith(IngestRoutes.ONE));
	}

}
