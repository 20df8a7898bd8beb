package dev.ridertrack.loadgen.run;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a load run, written from the sending threads and read by the progress
 * line, the control API and the metrics.
 */
final class LoadStats {

	final LongAdder fixesAttempted = new LongAdder();

	final LongAdder fixesSent = new LongAdder();

	final LongAdder fixesFailed = new LongAdder();

	final LongAdder requests = new LongAdder();

	final LongAdder ordersCreated = new LongAdder();

	final LongAdder ordersDelivered = new LongAdder();

	final LongAdder ordersCancelled = new LongAdder();

	final LongAdder orderEventsFailed = new LongAdder();

	/** Send latency over the whole run. */
	final LatencyHistogram latency = new LatencyHistogram();

	/** Send latency since the progress line last looked. */
	final LatencyHistogram recentLatency = new LatencyHistogram();

	void recordLatency(long nanos) {
		this.latency.recordNanos(nanos);
		this.recentLatency.recordNanos(nanos);
	}

	long errors() {
		return this.fixesFailed.sum() + this.orderEventsFailed.sum();
	}

	long ordersActive() {
		return this.ordersCreated.sum() - this.ordersDelivered.sum() - this.ordersCancelled.sum();
	}

}
