package dev.ridertrack.dbwriter.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long track for drawing: every k-th point plus the last, so the shape and both
 * ends survive and the result has at most {@code maxPoints} points.
 */
final class Downsampling {

	private Downsampling() {
	}

	static <T> List<T> everyKth(List<T> points, int maxPoints) {
		int n = points.size();
		if (n <= maxPoints) {
			return points;
		}
		int k = (int) Math.ceil((n - 1) / (double) (maxPoints - 1));
		List<T> kept = new ArrayList<>(maxPoints);
		for (int i = 0; i < n; i += k) {
			kept.add(points.get(i));
		}
		if ((n - 1) % k != 0) {
			kept.add(points.get(n - 1));
		}
		return kept;
	}

}
