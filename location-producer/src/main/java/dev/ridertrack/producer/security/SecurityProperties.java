package dev.ridertrack.producer.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secret rider tokens are minted and checked with. It has no default on purpose: a
 * service that starts with a guessable secret accepts anybody's fixes. The {@code local}
 * profile sets a development secret.
 *
 * @param tokenSecret the HMAC secret shared with whoever mints rider tokens (env
 * {@code RIDERTRACK_SECURITY_TOKEN_SECRET})
 * @param previousSecret the secret before the last rotation: tokens minted under it are
 * still accepted until it is removed (env {@code RIDERTRACK_SECURITY_PREVIOUS_SECRET})
 * @param riderTokenLifetime how long a rider token minted here (the local profile's
 * development tokens) lasts
 */
@ConfigurationProperties("ridertrack.security")
public record SecurityProperties(String tokenSecret, String previousSecret,
		@DefaultValue("24h") Duration riderTokenLifetime) {

}
