package dev.ridertrack.producer.security;

/**
 * The service was started without a rider token secret.
 */
class MissingTokenSecretException extends IllegalStateException {

	MissingTokenSecretException() {
		super("ridertrack.security.token-secret is not set: set the environment variable "
				+ "RIDERTRACK_SECURITY_TOKEN_SECRET (at least 16 characters), "
				+ "or run with the 'local' profile for the development secret");
	}

}
