package dev.ridertrack.producer.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret rider tokens are minted and checked with. It has no default on purpose: a
 * service that starts with a guessable secret accepts anybody's fixes. The {@code local}
 * profile sets a development secret.
 *
 * @param tokenSecret the HMAC secret shared with whoever mints rider tokens (env
 * {@code RIDERTRACK_SECURITY_TOKEN_SECRET})
 */
@ConfigurationProperties("ridertrack.security")
public record SecurityProperties(String tokenSecret) {

}
