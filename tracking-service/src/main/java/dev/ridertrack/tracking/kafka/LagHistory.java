package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each group's lag at every poll, kept for a while: a ring per group, pruned by age.
 */
final class LagHistory {

	/**
	 * @param partitions lag per {@code topic-partition}
	 */
	record Point(Instant time, long lag, Map<String, Long> partitions) {
	}

	/** {@code GET /api/v1/kafka/groups/{group}/lag-history}. */
	record Page(String group, double resolutionSeconds, List<Point> points) {
	}

	private final Duration keep;

	private final Map<String, Deque<Point>> points = new HashMap<>();

	LagHistory(Duration keep) {
		this.keep = keep;
	}

	synchronized void add(String group, Point point) {
		Deque<Point> ring = this.points.computeIfAbsent(group, (g) -> new ArrayDeque<>());
		ring.addLast(point);
		Instant oldest = point.time().minus(this.keep);
		while (!ring.isEmpty() && ring.peekFirst().time().isBefore(oldest)) {
			ring.removeFirst();
		}
	}

	synchronized List<Point> since(String group, Instant since) {
		Deque<Point> ring = this.points.get(group);
		if (ring == null) {
			return List.of();
		}
		return ring.stream().filter((p) -> !p.time().isBefore(since)).toList();
	}

	/** Forgets groups gone longer than the history reaches. */
	synchronized void retain(Set<String> groups, Instant now) {
		Instant oldest = now.minus(this.keep);
		this.points.entrySet()
			.removeIf((e) -> !groups.contains(e.getKey())
					&& (e.getValue().isEmpty() || e.getValue().peekLast().time().isBefore(oldest)));
	}

}
