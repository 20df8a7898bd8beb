package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.Locale;

import dev.ridertrack.events.EventJson;

/**
 * The figures of a finished run.
 *
 * @param mode kafka or http
 * @param scenario the scenario type
 * @param riders riders at full load
 * @param interval fix interval per rider
 * @param seconds how long the run took
 * @param fixesAttempted fixes taken
 * @param fixesSent fixes acknowledged
 * @param fixesFailed fixes that failed
 * @param httpRequests requests to location-producer
 * @param targetPerSecond fixes per second the scenario asked for at full load
 * @param achievedPerSecond fixes acknowledged per second, over the whole run
 * @param secondHalfPerSecond fixes acknowledged per second over the second half of the
 * run: the steady state
 * @param warmupSeconds how long the run was unmeasured at first
 * @param steadyPerSecond fixes acknowledged per second after the warm-up (the whole run
 * when there was none)
 * @param latencyP50Ms median send latency (after the warm-up)
 * @param latencyP99Ms 99th percentile send latency (after the warm-up)
 * @param latencyMaxMs highest send latency (after the warm-up)
 * @param ordersCreated orders placed
 * @param ordersDelivered orders delivered
 * @param ordersCancelled orders cancelled
 * @param orderEventsFailed order events that could not be sent
 * @param heapUsedMiB heap in use after a garbage collection at the end
 * @param heapMaxMiB the heap limit
 * @param cpuSeconds CPU time (user + system) the load generator's process used during the
 * run: its own cost per fix is {@code cpuSeconds / fixesSent}
 */
public record Summary(String mode, String scenario, int riders, Duration interval, double seconds, long fixesAttempted,
		long fixesSent, long fixesFailed, long httpRequests, double targetPerSecond, double achievedPerSecond,
		double secondHalfPerSecond, double warmupSeconds, double steadyPerSecond, double latencyP50Ms,
		double latencyP99Ms, double latencyMaxMs, long ordersCreated, long ordersDelivered, long ordersCancelled,
		long orderEventsFailed, long heapUsedMiB, long heapMaxMiB, double cpuSeconds) {

	/** Prints the summary for a person, then as one JSON line for scripts. */
	public void print() {
		System.out.println(text());
		System.out.println("SUMMARY " + EventJson.mapper().writeValueAsString(this));
		System.out.flush();
	}

	String text() {
		return String.format(Locale.ROOT,
				"""
						load-generator summary: %s mode, %s, %,d riders every %s, %.1f s
						  fixes    sent %,d (%,.0f/s of %,.0f/s target; %,.0f/s in the second half; %,.0f/s after %.0f s warm-up), failed %,d%s
						  latency  p50 %.1f ms, p99 %.1f ms, max %.1f ms
						  orders   created %,d, delivered %,d, cancelled %,d, order events failed %,d
						  heap     %,d MiB used after GC (max %,d MiB)
						  cpu      %.1f s (%.1f µs per fix sent)""",
				this.mode, this.scenario, this.riders, human(this.interval), this.seconds, this.fixesSent,
				this.achievedPerSecond, this.targetPerSecond, this.secondHalfPerSecond, this.steadyPerSecond,
				this.warmupSeconds, this.fixesFailed,
				(this.httpRequests > 0) ? String.format(Locale.ROOT, " in %,d requests", this.httpRequests) : "",
				this.latencyP50Ms, this.latencyP99Ms, this.latencyMaxMs, this.ordersCreated, this.ordersDelivered,
				this.ordersCancelled, this.orderEventsFailed, this.heapUsedMiB, this.heapMaxMiB, this.cpuSeconds,
				this.cpuSeconds * 1e6 / Math.max(1, this.fixesSent));
	}

	static String human(Duration d) {
		return (d.toMillis() % 1000 == 0) ? (d.toSeconds() + "s") : (d.toMillis() + "ms");
	}

}
