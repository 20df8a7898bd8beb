package dev.ridertrack.bench.ingest;

import java.util.List;
import java.util.Locale;

import dev.ridertrack.bench.MarkdownTable;
import dev.ridertrack.loadgen.run.Summary;

/**
 * One contender's line in the ingestion table.
 *
 * @param run what ran, and how long
 * @param target the rate asked for, per second ("max" for Kafka's own tool)
 * @param achieved the rate reached after the warm-up
 * @param errors sends that failed
 * @param p50 median latency in ms
 * @param p99 99th percentile latency in ms
 * @param ratio against the reference row (Kafka's own, or direct mode)
 * @param notes everything else a reader needs to trust the figures
 */
record IngestRow(String run, String target, String achieved, String errors, String p50, String p99, String ratio,
		String notes) implements MarkdownTable.Row {

	static final List<String> HEADER = List.of("run", "target/s", "achieved/s (after warm-up)", "errors", "p50 ms",
			"p99 ms", "ratio", "notes");

	/** A load-generator run: its rates, failures and latencies from its summary. */
	static IngestRow of(String run, Summary summary, String ratio, String notes) {
		return new IngestRow(run, fmt(summary.targetPerSecond()),
				fmt(summary.steadyPerSecond()) + " (whole run incl. warm-up " + fmt(summary.achievedPerSecond()) + ")",
				fmt(summary.fixesFailed()), ms(summary.latencyP50Ms()), ms(summary.latencyP99Ms()), ratio, notes);
	}

	/** A row of notes only. */
	static IngestRow note(String run, String notes) {
		return new IngestRow(run, "", "", "", "", "", "", notes);
	}

	@Override
	public List<String> cells() {
		return List.of(this.run, this.target, this.achieved, this.errors, this.p50, this.p99, this.ratio, this.notes);
	}

	static String fmt(double v) {
		return String.format(Locale.ROOT, "%,.0f", v);
	}

	static String ms(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

}
