package dev.ridertrack.dbwriter.history;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownsamplingTests {

	@Test
	void keepsShortTracksWhole() {
		List<Integer> track = IntStream.range(0, 10).boxed().toList();
		assertThat(Downsampling.everyKth(track, 10)).isEqualTo(track);
	}

	@Test
	void thinsLongTracksToAtMostMaxPointsKeepingBothEnds() {
		for (int n : new int[] { 11, 100, 1001, 12345 }) {
			for (int max : new int[] { 2, 3, 10, 99 }) {
				List<Integer> track = IntStream.range(0, n).boxed().toList();
				List<Integer> thinned = Downsampling.everyKth(track, max);
				assertThat(thinned).as("n=%d max=%d", n, max).hasSizeLessThanOrEqualTo(max).hasSizeGreaterThan(1);
				assertThat(thinned.get(0)).isZero();
				assertThat(thinned.get(thinned.size() - 1)).isEqualTo(n - 1);
				assertThat(thinned).isSorted();
			}
		}
	}

}
