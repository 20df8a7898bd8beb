package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ridertrack.tracking.kafka.GroupView.Status;
import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;

/**
 * Burrow's consumer status rules over a sliding window of polls, judged per partition;
 * the group takes its worst partition's status.
 * <ul>
 * <li>REWIND: a committed offset went backwards between two polls.</li>
 * <li>OK: the lag was zero at some poll in the window (the group caught up).</li>
 * <li>STOP: no commit during the window while records wait.</li>
 * <li>STALL: commits during the window, but the committed offset did not move.</li>
 * <li>WARN: the committed offset moved, but the lag grew at every step of the
 * window.</li>
 * <li>OK otherwise: the lag is steady or falling while the group commits.</li>
 * </ul>
 * Telling STOP from STALL needs commit times, which come from {@code __consumer_offsets}
 * ({@link CommitLog}); without them an offset that did not move is taken for no commit.
 */
final class LagEvaluator {

	/** Committed and end offset of one partition at one poll. */
	record Offsets(long committed, long end) {

		long lag() {
			return Math.max(0, this.end - this.committed);
		}

	}

	/** One poll's committed and end offsets of the group's partitions. */
	record Observation(Instant time, Map<TopicPartitionRef, Offsets> partitions) {
	}

	private record Verdict(StatusCode code, TopicPartitionRef partition, String detail, long lag) {
	}

	private final int windowSize;

	LagEvaluator(int windowSize) {
		this.windowSize = Math.max(2, windowSize);
	}

	/**
	 * @param window the latest observations, oldest first (at most the window size)
	 * @param lastCommit when each partition was last committed, {@code null} when not
	 * seen
	 * @param commitsKnownSince since when commits are being watched ({@code null}: not
	 * watched)
	 */
	Status evaluate(List<Observation> window, Function<TopicPartitionRef, Instant> lastCommit,
			Instant commitsKnownSince) {
		if (window.isEmpty() || window.get(window.size() - 1).partitions().isEmpty()) {
			return new Status(StatusCode.UNKNOWN, "nothing committed yet, so there is no lag to judge");
		}
		Observation latest = window.get(window.size() - 1);
		boolean full = window.size() >= this.windowSize;
		Instant windowStart = window.get(0).time();
		Duration span = Duration.between(windowStart, latest.time());
		List<Verdict> verdicts = new ArrayList<>();
		for (TopicPartitionRef partition : latest.partitions().keySet()) {
			List<Offsets> seen = window.stream()
				.map((o) -> o.partitions().get(partition))
				.filter(Objects::nonNull)
				.toList();
			verdicts.add(judge(partition, seen, full, lastCommit.apply(partition), commitsKnownSince, windowStart,
					latest.time()));
		}
		Map<StatusCode, List<Verdict>> byCode = verdicts.stream()
			.collect(Collectors.groupingBy(Verdict::code, () -> new EnumMap<>(StatusCode.class), Collectors.toList()));
		StatusCode worst = byCode.keySet().iterator().next();
		List<Verdict> worstOnes = byCode.get(worst);
		return new Status(worst, reason(worst, worstOnes, window, span, full));
	}

	private Verdict judge(TopicPartitionRef partition, List<Offsets> seen, boolean full, Instant lastCommit,
			Instant commitsKnownSince, Instant windowStart, Instant now) {
		Offsets first = seen.get(0);
		Offsets last = seen.get(seen.size() - 1);
		for (int i = 1; i < seen.size(); i++) {
			if (seen.get(i).committed() < seen.get(i - 1).committed()) {
				return new Verdict(StatusCode.REWIND, partition,
						"from " + seen.get(i - 1).committed() + " to " + seen.get(i).committed(), last.lag());
			}
		}
		if (seen.stream().anyMatch((o) -> o.lag() == 0)) {
			return new Verdict(StatusCode.OK, partition, "caught up", 0);
		}
		if (!full) {
			return new Verdict(StatusCode.UNKNOWN, partition, "", last.lag());
		}
		if (last.committed() == first.committed()) {
			Boolean committedInWindow = null;
			if (commitsKnownSince != null && !commitsKnownSince.isAfter(windowStart)) {
				committedInWindow = lastCommit != null && !lastCommit.isBefore(windowStart);
			}
			if (Boolean.TRUE.equals(committedInWindow)) {
				return new Verdict(StatusCode.STALL, partition, "at " + last.committed(), last.lag());
			}
			String since = (lastCommit != null)
					? "the last commit was " + seconds(Duration.between(lastCommit, now)) + " ago"
					: (committedInWindow == null)
							? "commit times unknown, so the offset not moving is taken" + " for no commit"
							: "no commit seen since the page started watching";
			return new Verdict(StatusCode.STOP, partition, since, last.lag());
		}
		// Burrow's rule: the lag rose at every step of the window, not merely end against
		// start; a busy consumer's lag jitters up and down and is not falling behind.
		if (last.lag() > first.lag() && rising(seen)) {
			return new Verdict(StatusCode.WARN, partition, "from " + first.lag() + " to " + last.lag(), last.lag());
		}
		return new Verdict(StatusCode.OK, partition, "steady", last.lag());
	}

	private static boolean rising(List<Offsets> seen) {
		for (int i = 1; i < seen.size(); i++) {
			if (seen.get(i).lag() < seen.get(i - 1).lag()) {
				return false;
			}
		}
		return true;
	}

	private String reason(StatusCode code, List<Verdict> verdicts, List<Observation> window, Duration span,
			boolean full) {
		long waiting = verdicts.stream().mapToLong(Verdict::lag).sum();
		String where = where(verdicts);
		String over = "over the last " + seconds(span);
		return switch (code) {
			case REWIND -> "a committed offset went backwards on " + where + " (" + verdicts.get(0).detail()
					+ "): the group was reset or is replaying";
			case STOP -> "no commit " + over + " on " + where + " while " + count(waiting) + " records wait ("
					+ verdicts.get(0).detail() + ")";
			case STALL -> "the group keeps committing but its offset does not move on " + where + " ("
					+ verdicts.get(0).detail() + ") while " + count(waiting) + " records wait";
			case WARN -> "lag grew " + over + " on " + where + " while the group kept committing (" + count(waiting)
					+ " records behind now)";
			case OK -> verdicts.stream().allMatch((v) -> v.lag() == 0)
					? "lag is under control: it reached zero within the window"
					: "lag is steady or falling " + over + " (" + count(waiting) + " records behind now)";
			case UNKNOWN -> "watching: " + window.size() + " of " + this.windowSize
					+ " polls so far, lag not yet zero (" + count(waiting) + " records behind now)";
		};
	}

	private static String where(List<Verdict> verdicts) {
		Map<String, List<Integer>> byTopic = new TreeMap<>();
		for (Verdict verdict : verdicts) {
			byTopic.computeIfAbsent(verdict.partition().topic(), (t) -> new ArrayList<>())
				.add(verdict.partition().partition());
		}
		return byTopic.entrySet()
			.stream()
			.map((e) -> e.getKey() + " " + PartitionRanges.named(e.getValue()))
			.collect(Collectors.joining("; "));
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String count(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

}
