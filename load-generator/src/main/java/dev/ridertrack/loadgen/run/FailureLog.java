package dev.ridertrack.loadgen.run;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs send failures without flooding the log when a whole broker is down: the first few
 * in full, then a count every ten seconds.
 */
final class FailureLog {

	private static final long EVERY_NANOS = 10_000_000_000L;

	private final Log log;

	private final String what;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

	FailureLog(Log log, String what) {
		this.log = log;
		this.what = what;
	}

	void failed(String detail, Throwable ex) {
		long n = this.failures.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (n <= 5) {
			this.log.warn("Could not send " + this.what + " (" + detail + "): " + ex);
		}
		else if (now - last >= EVERY_NANOS && this.lastLogged.compareAndSet(last, now)) {
			this.log.warn(n + " " + this.what + " failures so far; latest (" + detail + "): " + ex);
		}
	}

}
