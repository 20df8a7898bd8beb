package dev.ridertrack.localstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The processes' health, asked when someone reads it (the control API: the lessons,
 * {@code ./ridertrack status}) and at most once per {@code maxAge}, not on a timer
 * whether or not anyone reads it. A service's health check asks Kafka, Redis and MongoDB
 * in turn: polled every 5 s it was about a fifth of an idle service's CPU and a broker
 * request per service every 5 s (issue 14). A crash needs no health check: the
 * {@link Supervisor} sees the process exit.
 */
final class HealthChecks {

	private final Supplier<List<ManagedProcess>> processes;

	private final Executor executor;

	private final Clock clock;

	private final Duration maxAge;

	private Instant checkedAt;

	/**
	 * Health checks of a changing set of processes.
	 * @param processes every process, running or not
	 * @param executor where the checks run, side by side
	 * @param clock the time
	 * @param maxAge how old the health a reader sees may be
	 */
	HealthChecks(Supplier<List<ManagedProcess>> processes, Executor executor, Clock clock, Duration maxAge) {
		this.processes = processes;
		this.executor = executor;
		this.clock = clock;
		this.maxAge = maxAge;
	}

	/**
	 * Asks every running process whether it is healthy, unless that was asked less than
	 * the maximum age ago; returns when every answer is in.
	 */
	synchronized void refresh() {
		Instant now = this.clock.instant();
		if (this.checkedAt != null && Duration.between(this.checkedAt, now).compareTo(this.maxAge) < 0) {
			return;
		}
		// side by side, so one slow service costs the reader its own timeout, not the sum
		CompletableFuture<?>[] checks = this.processes.get()
			.stream()
			.filter(ManagedProcess::isAlive)
			.map((process) -> CompletableFuture.runAsync(process::checkHealth, this.executor))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(checks).join();
		this.checkedAt = now;
	}

}
