package dev.ridertrack.localstack;

import java.time.Duration;
import java.time.Instant;

/**
 * One process's crashes and the restarts the {@link Supervisor} made: what the control
 * API, {@code ./ridertrack status} and the lessons report. Thread-safe.
 */
final class Restarts {

	private int count;

	private int crashesInARow;

	private Instant lastCrashAt;

	private Instant lastRestartAt;

	private Duration lastDowntime;

	private boolean gaveUp;

	/**
	 * Counts a crash.
	 * @param at when the process exited
	 * @param ranLongEnough whether it had run long enough for this to start a new count
	 * (a process that crashes again soon after each restart is in a crash loop)
	 * @return the crashes in a row, this one included
	 */
	synchronized int crashed(Instant at, boolean ranLongEnough) {
		this.lastCrashAt = at;
		this.crashesInARow = ranLongEnough ? 1 : this.crashesInARow + 1;
		return this.crashesInARow;
	}

	synchronized void restarted(Instant at) {
		this.count++;
		this.lastRestartAt = at;
	}

	/**
	 * Remembers how long the process was away: from its crash until it was ready again.
	 * @param readyAt when it was ready
	 */
	synchronized void readyAgain(Instant readyAt) {
		if (this.lastCrashAt != null) {
			this.lastDowntime = Duration.between(this.lastCrashAt, readyAt);
		}
	}

	synchronized void giveUp() {
		this.gaveUp = true;
	}

	/**
	 * A deliberate start: whatever crashed before, the count of crashes in a row starts
	 * again.
	 */
	synchronized void startedByHand() {
		this.crashesInARow = 0;
		this.gaveUp = false;
	}

	synchronized int count() {
		return this.count;
	}

	synchronized Instant lastCrashAt() {
		return this.lastCrashAt;
	}

	synchronized Instant lastRestartAt() {
		return this.lastRestartAt;
	}

	synchronized Duration lastDowntime() {
		return this.lastDowntime;
	}

	synchronized boolean gaveUp() {
		return this.gaveUp;
	}

}
