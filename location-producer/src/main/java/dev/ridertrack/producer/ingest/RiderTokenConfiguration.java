package dev.ridertrack.producer.ingest;

import dev.ridertrack.platform.HmacTokens;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rider tokens in front of the ingestion API.
 */
@Configuration(proxyBeanMethods = false)
class RiderTokenConfiguration implements WebMvcConfigurer {

	private static final String INGEST_PATH = "/api/v1/locations";

	private final SecurityProperties security;

	private final ObjectProvider<RiderAuthentication> authentication;

	RiderTokenConfiguration(SecurityProperties security, ObjectProvider<RiderAuthentication> authentication) {
		this.security = security;
		this.authentication = authentication;
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
				&& request.getCarrier() != null && request.getCarrier().getRequestURI().startsWith(INGEST_PATH));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// the interceptor is a bean of this class, so it is looked up once it exists
		registry.addInterceptor(this.authentication.getObject())
			.addPathPatterns("/api/v1/locations", "/api/v1/locations/**");
	}

}
