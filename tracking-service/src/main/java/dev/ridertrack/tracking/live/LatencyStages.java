package dev.ridertrack.tracking.live;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Where a fix's time goes on its way to a browser, measured inside the service: from its
 * {@code recordedAt} until it was handed to a producer ({@link Stage#SENT}: the record's
 * timestamp, set by the producer's {@code send}), from then until the live feed read it
 * from Kafka ({@link Stage#CONSUMED}: producer batching, the produce request, the broker,
 * the fetch), from then until a frame carrying it was built ({@link Stage#QUEUED}:
 * waiting for the tick, the frame's build), and how long writing one frame to its socket
 * took ({@link Stage#WRITE}). The client adds the last stage, frame built to frame
 * received. Millisecond histograms, cheap enough to stay on; {@code GET
 * /api/v1/live/latency} shows them.
 */
@Component
public class LatencyStages {

	/** A stage of the path. */
	public enum Stage {

		/** recordedAt → the record's timestamp (the producer's send). */
		SENT("the fix's recordedAt to its record's timestamp: the sender, before its producer's send"),

		/** the record's timestamp → the live feed's poll returned it. */
		CONSUMED("the record's timestamp to the live feed's poll: producer batching, produce request, broker, fetch"),

		/** consumed → a frame with it was built (sentAt). */
		QUEUED("the live feed's poll to a frame with the fix: waiting for the push tick, building the frame"),

		/** one frame's socket write. */
		WRITE("one frame's write to its WebSocket (per frame, not per fix)");

		private final String description;

		Stage(String description) {
			this.description = description;
		}

		/**
		 * What the stage measures, for a reader of its figures.
		 * @return a sentence
		 */
		public String description() {
			return this.description;
		}

	}

	private static final int MAX_MS = 60_000;

	private final AtomicLongArray[] counts = new AtomicLongArray[Stage.values().length];

	private final LongAdder[] totals = new LongAdder[Stage.values().length];

	LatencyStages() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new AtomicLongArray(MAX_MS + 1);
			this.totals[i] = new LongAdder();
		}
	}

	void sent(long ms) {
		record(Stage.SENT, ms);
	}

	void consumed(long ms) {
		record(Stage.CONSUMED, ms);
	}

	void queued(long ms) {
		record(Stage.QUEUED, ms);
	}

	void write(long ms) {
		record(Stage.WRITE, ms);
	}

	private void record(Stage stage, long ms) {
		this.counts[stage.ordinal()].incrementAndGet((int) Math.max(0, Math.min(MAX_MS, ms)));
		this.totals[stage.ordinal()].increment();
	}

	/** Forgets everything measured so far (the benchmark calls it after its warm-up). */
	public void reset() {
		for (int i = 0; i < this.counts.length; i++) {
			AtomicLongArray array = this.counts[i];
			for (int ms = 0; ms <= MAX_MS; ms++) {
				array.set(ms, 0);
			}
			this.totals[i].reset();
		}
	}

	/**
	 * How many values a stage has.
	 * @param stage the stage
	 * @return values recorded since the last reset
	 */
	public long count(Stage stage) {
		return this.totals[stage.ordinal()].sum();
	}

	/**
	 * A percentile of a stage.
	 * @param stage the stage
	 * @param p the fraction, 0 to 1
	 * @return milliseconds, or -1 when nothing was recorded
	 */
	public long percentile(Stage stage, double p) {
		AtomicLongArray array = this.counts[stage.ordinal()];
		long target = Math.max(1, (long) Math.ceil(count(stage) * p));
		long seen = 0;
		for (int ms = 0; ms <= MAX_MS; ms++) {
			seen += array.get(ms);
			if (seen >= target) {
				return ms;
			}
		}
		return -1;
	}

}
