package dev.ridertrack.producer.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what to do, instead of a stack trace, when the token secret is missing.
 */
class MissingTokenSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingTokenSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingTokenSecretException cause) {
		return new FailureAnalysis("No rider token secret is configured (ridertrack.security.token-secret).",
				"Set the environment variable RIDERTRACK_SECURITY_TOKEN_SECRET to the secret shared with whoever "
						+ "mints rider tokens (at least 16 characters), or run with --spring.profiles.active=local "
						+ "for the development secret.",
				cause);
	}

}
