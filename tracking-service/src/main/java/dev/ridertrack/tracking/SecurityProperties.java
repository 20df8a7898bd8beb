package dev.ridertrack.tracking;

import dev.ridertrack.platform.HmacTokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may see what: customers hold an order token, operators the operator token.
 *
 * @param tokenSecret the shared secret that mints rider and order tokens
 * @param operatorToken what an operator types on the login page (or sends as a bearer
 * token); without one the dashboard stays locked
 */
@ConfigurationProperties("ridertrack.security")
public record SecurityProperties(String tokenSecret, String operatorToken) {

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
		return new HmacTokens(this.tokenSecret, "order");
	}

	/**
	 * Tokens that prove an operator logged in (the session cookie).
	 * @return the operator session tokens
	 */
	public HmacTokens operatorSessions() {
		return new HmacTokens(this.tokenSecret, "operator-session");
	}

}
