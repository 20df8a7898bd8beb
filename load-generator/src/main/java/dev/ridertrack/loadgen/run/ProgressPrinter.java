package dev.ridertrack.loadgen.run;

import java.util.Locale;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The live progress line: rewritten in place every second on a terminal; on anything else
 * (a log file, the local stack's log stream) logged every ten seconds instead, so logs
 * stay readable.
 */
final class ProgressPrinter {

	private static final Log logger = LogFactory.getLog(ProgressPrinter.class);

	private static final int LOG_EVERY = 10;

	private final boolean terminal = System.console() != null
			&& !Boolean.getBoolean("ridertrack.loadgen.no-progress-line");

	private int calls;

	private boolean printed;

	/**
	 * Prints the line, or logs it if this is the tenth call since it was last logged.
	 * @param status asked for only when the line is shown
	 */
	void print(Supplier<EngineStatus> status) {
		if (this.terminal) {
			System.out.print("\r" + line(status.get()) + "   ");
			System.out.flush();
			this.printed = true;
		}
		else if (++this.calls % LOG_EVERY == 0) {
			logger.info(line(status.get()));
		}
	}

	void finish() {
		if (this.printed) {
			System.out.println();
		}
	}

	static String line(EngineStatus s) {
		return String.format(Locale.ROOT,
				"%5.0fs | riders %,d%s | fixes/s %,.0f of %,.0f | sent %,d | orders %,d active, %,d delivered | errors %,d | latency p50 %.1f ms p99 %.1f ms",
				s.elapsedSeconds(), s.activeRiders(), (s.rateFactor() > 1) ? " (spike x" + s.rateFactor() + ")" : "",
				s.achievedFixesPerSecond(), s.targetFixesPerSecond(), s.fixesSent(), s.ordersActive(),
				s.ordersDelivered(), s.errors(), s.latencyP50Ms(), s.latencyP99Ms());
	}

}
