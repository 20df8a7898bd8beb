package dev.ridertrack.tracking.live;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A fixed-rate task scheduled only while it has work: {@link #wanted} schedules it,
 * {@link #stopIf} cancels it once the work is gone. Both run under one lock, so work that
 * arrives while the task stops keeps it running or schedules it again. The live tick uses
 * it: with nobody connected, 20 wake-ups a second that found no session were most of what
 * an idle tracking-service spent on the live view (issue 14).
 */
final class DemandTick {

	private final Runnable task;

	private final long periodMillis;

	private ScheduledExecutorService executor;

	private ScheduledFuture<?> running;

	DemandTick(Runnable task, long periodMillis) {
		this.task = task;
		this.periodMillis = periodMillis;
	}

	/**
	 * Runs the task on this executor from now on, when wanted; a task scheduled on the
	 * previous one is cancelled.
	 * @param executor the executor, or {@code null} once it is shut down
	 */
	synchronized void runOn(ScheduledExecutorService executor) {
		if (this.running != null) {
			this.running.cancel(false);
			this.running = null;
		}
		this.executor = executor;
	}

	/** Schedules the task if it is not scheduled. */
	synchronized void wanted() {
		if (this.executor != null && this.running == null) {
			this.running = this.executor.scheduleAtFixedRate(this.task, this.periodMillis, this.periodMillis,
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Cancels the task if there is no work, checked under the lock {@link #wanted} takes.
	 * @param noWork whether the work is gone
	 */
	synchronized void stopIf(BooleanSupplier noWork) {
		if (this.running != null && noWork.getAsBoolean()) {
			this.running.cancel(false);
			this.running = null;
		}
	}

	/**
	 * Whether the task is scheduled.
	 * @return {@code true} from {@link #wanted} until {@link #stopIf} found no work
	 */
	synchronized boolean running() {
		return this.running != null;
	}

}
