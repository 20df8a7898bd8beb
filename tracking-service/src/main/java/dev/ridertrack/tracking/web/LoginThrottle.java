package dev.ridertrack.tracking.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ridertrack.tracking.SecurityProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing of the operator token, per client address: a few wrong tokens are
 * free, then each one makes the client wait twice as long as the last before it may try
 * again (answered {@code 429} with {@code Retry-After} meanwhile, without checking the
 * token). A right token clears the client's record. Kept in memory: one instance's counts
 * are enough to make guessing hopeless, and a restart forgets nothing worth keeping.
 */
@Component
class LoginThrottle {

	/** Clients remembered at most; beyond that, the oldest quiet ones are forgotten. */
	private static final int MAX_CLIENTS = 10_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final SecurityProperties.Session settings;

	private final Clock clock;

	@Autowired
	LoginThrottle(SecurityProperties security) {
		this(security.session(), Clock.systemUTC());
	}

	LoginThrottle(SecurityProperties.Session settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * How long a client must still wait before its next try.
	 * @param client the client's address
	 * @return zero if it may try now
	 */
	Duration waitFor(String client) {
		Failures record = this.failures.get(client);
		if (record == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), record.until());
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * A wrong token from a client.
	 * @param client the client's address
	 * @return how long it must now wait (zero while its attempts are free)
	 */
	Duration failed(String client) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= MAX_CLIENTS) {
			this.failures.values().removeIf((f) -> f.until().isBefore(now.minus(this.settings.maxBackoff())));
			if (this.failures.size() >= MAX_CLIENTS) {
				this.failures.clear();
			}
		}
		Failures record = this.failures.merge(client, new Failures(1, now.plus(backoff(1))),
				(old, one) -> new Failures(old.count() + 1, now.plus(backoff(old.count() + 1))));
		return Duration.between(now, record.until()).isNegative() ? Duration.ZERO
				: Duration.between(now, record.until());
	}

	/**
	 * A right token: the client starts afresh.
	 * @param client the client's address
	 */
	void succeeded(String client) {
		this.failures.remove(client);
	}

	private Duration backoff(int count) {
		int over = count - this.settings.freeAttempts();
		if (over <= 0) {
			return Duration.ZERO;
		}
		Duration wait = this.settings.backoff().multipliedBy(1L << Math.min(over - 1, 20));
		return (wait.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : wait;
	}

	private record Failures(int count, Instant until) {

	}

}
