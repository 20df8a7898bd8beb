package dev.ridertrack.producer.ingest;

import dev.ridertrack.platform.HmacTokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rider tokens in front of the ingestion API.
 */
@Configuration(proxyBeanMethods = false)
class RiderTokenConfiguration implements WebMvcConfigurer {

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

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// the interceptor is a bean of this class, so it is looked up once it exists
		registry.addInterceptor(this.authentication.getObject())
			.addPathPatterns("/api/v1/locations", "/api/v1/locations/**");
	}

}
