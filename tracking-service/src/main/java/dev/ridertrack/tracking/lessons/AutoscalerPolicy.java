package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The autoscaler's rule, apart from the processes it starts: add an instance when lag has
 * grown reading after reading, remove one when lag has stayed near zero for a while,
 * never past the partition count nor below one, and wait between decisions.
 */
final class AutoscalerPolicy {

	private final int growing;

	private final Duration quiet;

	private final Duration cooldown;

	private final int maxInstances;

	private final long nearZero;

	private final long worthAdding;

	private final Deque<Long> readings = new ArrayDeque<>();

	private Instant lowSince;

	private Instant lastDecision;

	AutoscalerPolicy(int growing, Duration quiet, Duration cooldown, int maxInstances, long nearZero,
			long worthAdding) {
		this.nearZero = nearZero;
		this.worthAdding = worthAdding;
		this.growing = growing;
		this.quiet = quiet;
		this.cooldown = cooldown;
		this.maxInstances = maxInstances;
	}

	/**
	 * Takes one reading and says what to do.
	 * @param lag the group's total lag now
	 * @param instances instances running now
	 * @param now the time of the reading
	 * @return the decision, with its reason
	 */
	Decision decide(long lag, int instances, Instant now) {
		// the same figure again is the cluster watcher's same snapshot read twice (it
		// polls about as often as the autoscaler looks), not lag that stopped growing
		if (this.readings.isEmpty() || this.readings.getLast() != lag) {
			this.readings.addLast(lag);
		}
		while (this.readings.size() > this.growing + 1) {
			this.readings.removeFirst();
		}
		if (lag > this.nearZero) {
			this.lowSince = null;
		}
		else if (this.lowSince == null) {
			this.lowSince = now;
		}
		if (this.lastDecision != null && Duration.between(this.lastDecision, now).compareTo(this.cooldown) < 0) {
			return Decision.none();
		}
		List<Long> recent = List.copyOf(this.readings);
		if (recent.size() == this.growing + 1 && rising(recent) && lag > this.worthAdding) {
			if (instances >= this.maxInstances) {
				return Decision.none();
			}
			this.lastDecision = now;
			return new Decision(Action.ADD,
					String.format(Locale.ROOT, "lag grew %d readings in a row (%s) to %,d records: %d → %d instances",
							this.growing, recent.stream().map((l) -> String.format(Locale.ROOT, "%,d", l)).toList(),
							lag, instances, instances + 1));
		}
		if (this.lowSince != null && instances > 1 && Duration.between(this.lowSince, now).compareTo(this.quiet) >= 0) {
			this.lastDecision = now;
			this.lowSince = now;
			return new Decision(Action.REMOVE,
					String.format(Locale.ROOT, "lag has stayed at or below %d records for %d s: %d → %d instances",
							this.nearZero, this.quiet.toSeconds(), instances, instances - 1));
		}
		return Decision.none();
	}

	private static boolean rising(List<Long> values) {
		for (int i = 1; i < values.size(); i++) {
			if (values.get(i) <= values.get(i - 1)) {
				return false;
			}
		}
		return true;
	}

	enum Action {

		ADD, REMOVE, NONE

	}

	/**
	 * What to do and why.
	 *
	 * @param reason in words, for the timeline
	 */
	record Decision(Action action, String reason) {

		static Decision none() {
			return new Decision(Action.NONE, null);
		}

	}

}
