package dev.ridertrack.tracking;

import java.time.Clock;
import java.time.Duration;

import dev.ridertrack.platform.HmacTokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may see what: customers hold an order token, operators the operator token (and,
 * once signed in, a session).
 *
 * @param tokenSecret the shared secret that mints rider and order tokens
 * @param previousSecret the secret before the last rotation: order tokens minted under it
 * are still accepted until it is removed
 * @param operatorToken what an operator types on the login page (or sends as a bearer
 * token); without one the dashboard stays locked
 * @param orderTokenLifetime how long a customer's tracking link works
 * @param session the operator's browser session
 * @param showOperatorTokenOnLogin whether the sign-in page shows the operator token: the
 * {@code local} profile's development token only, never a real one
 */
@ConfigurationProperties("ridertrack.security")
public record SecurityProperties(String tokenSecret, String previousSecret, String operatorToken,
		@DefaultValue("24h") Duration orderTokenLifetime, @DefaultValue Session session,
		@DefaultValue("false") boolean showOperatorTokenOnLogin) {

	public SecurityProperties {
		if (tokenSecret == null || tokenSecret.isBlank()) {
			throw new IllegalStateException("ridertrack.security.token-secret (RIDERTRACK_SECURITY_TOKEN_SECRET) "
					+ "is not set; the 'local' profile has a development value");
		}
	}

	/**
	 * Tokens that open one order's tracking page.
	 * @return the order tokens
	 */
	public HmacTokens orderTokens() {
		return new HmacTokens(this.tokenSecret, this.previousSecret, "order", this.orderTokenLifetime,
				Clock.systemUTC());
	}

	/**
	 * The operator's browser session.
	 *
	 * @param timeout how long a session lasts after signing in, whatever is done with it
	 * @param freeAttempts wrong tokens a client may type before it has to wait
	 * @param backoff the first wait after the free attempts; it doubles with each wrong
	 * token
	 * @param maxBackoff the longest wait
	 */
	public record Session(@DefaultValue("8h") Duration timeout, @DefaultValue("3") int freeAttempts,
			@DefaultValue("1s") Duration backoff, @DefaultValue("5m") Duration maxBackoff) {

	}

}
