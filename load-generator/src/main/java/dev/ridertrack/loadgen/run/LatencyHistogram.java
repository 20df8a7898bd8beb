package dev.ridertrack.loadgen.run;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with about 3% resolution from a microsecond to an hour:
 * log-spaced buckets of 32 sub-buckets each. Cheap enough to record every send from many
 * threads.
 */
final class LatencyHistogram {

	private static final int LINEAR = 64;

	private static final int SUB = 32;

	private static final int BUCKETS = LINEAR + 40 * SUB;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	void recordNanos(long nanos) {
		this.counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
	}

	static int index(long micros) {
		if (micros < LINEAR) {
			return (int) micros;
		}
		int exp = 63 - Long.numberOfLeadingZeros(micros);
		int shift = exp - 5;
		int mantissa = (int) (micros >>> shift) & (SUB - 1);
		return Math.min(BUCKETS - 1, LINEAR + (exp - 6) * SUB + mantissa);
	}

	static long valueMicros(int index) {
		if (index < LINEAR) {
			return index;
		}
		int k = index - LINEAR;
		int exp = k / SUB + 6;
		int mantissa = k % SUB;
		long low = (long) (SUB + mantissa) << (exp - 5);
		return low + (1L << (exp - 5)) / 2;
	}

	/**
	 * Copies the counts, and empties the histogram if asked, for a window.
	 * @param reset whether to start a new window
	 * @return the counts as they were
	 */
	Snapshot snapshot(boolean reset) {
		long[] copy = new long[BUCKETS];
		for (int i = 0; i < BUCKETS; i++) {
			copy[i] = reset ? this.counts.getAndSet(i, 0) : this.counts.get(i);
		}
		return new Snapshot(copy);
	}

	record Snapshot(long[] counts) {

		long count() {
			long n = 0;
			for (long c : this.counts) {
				n += c;
			}
			return n;
		}

		/**
		 * @param q the quantile, 0 to 1
		 * @return the latency in milliseconds, or 0 with no samples
		 */
		double percentileMillis(double q) {
			long n = count();
			if (n == 0) {
				return 0;
			}
			long rank = (long) Math.ceil(q * n);
			long seen = 0;
			for (int i = 0; i < this.counts.length; i++) {
				seen += this.counts[i];
				if (seen >= rank && this.counts[i] > 0) {
					return valueMicros(i) / 1000.0;
				}
			}
			return valueMicros(this.counts.length - 1) / 1000.0;
		}

		double maxMillis() {
			for (int i = this.counts.length - 1; i >= 0; i--) {
				if (this.counts[i] > 0) {
					return valueMicros(i) / 1000.0;
				}
			}
			return 0;
		}

	}

}
