package dev.ridertrack.loadgen.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on requests in flight that, once reached, lets the senders wait until three
 * quarters of the bound are in flight again, and wakes them then, together. A
 * {@code Semaphore} woke a waiting sender at every answer: under load, when the bound is
 * reached for good, that was a context switch (and a preempted HTTP thread) per request.
 */
final class InFlightLimit {

	private final int limit;

	private final int resumeAt;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Whether anyone waits; set by a waiter before it looks at the count. */
	private volatile boolean waiting;

	/**
	 * A limit.
	 * @param limit requests in flight at most
	 */
	InFlightLimit(int limit) {
		this.limit = Math.max(1, limit);
		this.resumeAt = this.limit * 3 / 4;
	}

	/** Takes a place, waiting (uninterruptibly) while the bound is reached. */
	void acquire() {
		boolean interrupted = false;
		while (true) {
			int n = this.inFlight.get();
			if (n < this.limit) {
				if (this.inFlight.compareAndSet(n, n + 1)) {
					break;
				}
				continue;
			}
			synchronized (this) {
				while (true) {
					this.waiting = true;
					if (this.inFlight.get() <= this.resumeAt) {
						break;
					}
					try {
						wait();
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Gives a place back. */
	void release() {
		int n = this.inFlight.decrementAndGet();
		if (n <= this.resumeAt && this.waiting) {
			synchronized (this) {
				this.waiting = false;
				notifyAll();
			}
		}
	}

	/**
	 * Waits until nothing is in flight.
	 * @param timeout how long at most
	 * @param unit the timeout's unit
	 * @return whether nothing is in flight
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitNoneInFlight(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		synchronized (this) {
			while (true) {
				this.waiting = true;
				if (this.inFlight.get() == 0) {
					return true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}
	}

	/**
	 * @return requests in flight now
	 */
	int inFlight() {
		return this.inFlight.get();
	}

}
