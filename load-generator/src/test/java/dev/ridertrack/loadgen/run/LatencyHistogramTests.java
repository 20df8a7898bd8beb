package dev.ridertrack.loadgen.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTests {

	@Test
	void percentilesAreWithinAFewPercent() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int ms = 1; ms <= 1000; ms++) {
			histogram.recordNanos(ms * 1_000_000L);
		}
		LatencyHistogram.Snapshot snapshot = histogram.snapshot(false);
		assertThat(snapshot.count()).isEqualTo(1000);
		assertThat(snapshot.percentileMillis(0.5)).isCloseTo(500, within(500 * 0.04));
		assertThat(snapshot.percentileMillis(0.99)).isCloseTo(990, within(990 * 0.04));
		assertThat(snapshot.maxMillis()).isCloseTo(1000, within(1000 * 0.04));
	}

	@Test
	void aWindowSnapshotStartsTheNextWindowEmpty() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.recordNanos(5_000_000);
		assertThat(histogram.snapshot(true).count()).isEqualTo(1);
		assertThat(histogram.snapshot(true).count()).isZero();
		assertThat(histogram.snapshot(true).percentileMillis(0.99)).isZero();
	}

}
