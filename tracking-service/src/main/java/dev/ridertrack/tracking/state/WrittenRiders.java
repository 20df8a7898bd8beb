package dev.ridertrack.tracking.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows Redis holds for each rider whose partition it reads: the seq
 * of the rider's stored fix and the last-seen and trail marks of its hash. The write
 * script reads those three fields before every fix to keep an older fix from winning; a
 * rider's fixes all come through one partition, so while this instance reads it nobody
 * else writes the rider, and what the script answered once stays true. The rider's next
 * fixes then go to Redis as plain commands, decided here: a fix no newer than the known
 * seq is dropped, the marks are set when due as the script would. Under the seeds'
 * scenario the script was the largest cost per fix in Redis, and most of it was Lua
 * itself, not the commands (issue 14, performance.md).
 * <p>
 * The knowledge is dropped whenever the partitions move ({@link #forget}: another
 * instance may have written the rider meanwhile), and each rider goes through the script
 * again once its knowledge is {@code verifyEvery} old, so a Redis that lost its data
 * (restarted) or a sweep is seen within that time.
 */
final class WrittenRiders {

	private static final int MAX_RIDERS = 1_000_000;

	private final Map<String, Written> riders = new ConcurrentHashMap<>();

	private final long verifyEveryMillis;

	private final long seenEveryMillis;

	private final long trailEveryMillis;

	/**
	 * @param verifyEveryMillis how long what the script answered is trusted
	 * @param seenEveryMillis how old a last-seen mark may get (the script's seenEveryMs)
	 * @param trailEveryMillis the trail's spacing (the script's trailEveryMs)
	 */
	WrittenRiders(long verifyEveryMillis, long seenEveryMillis, long trailEveryMillis) {
		this.verifyEveryMillis = verifyEveryMillis;
		this.seenEveryMillis = seenEveryMillis;
		this.trailEveryMillis = trailEveryMillis;
	}

	/**
	 * How a fix should be written.
	 * @param riderId the rider
	 * @param seq the fix's seq
	 * @param nowMillis the wall clock
	 * @return the route
	 */
	Route route(String riderId, long seq, long nowMillis) {
		Written known = this.riders.get(riderId);
		if (known == null || nowMillis - known.verifiedAt >= this.verifyEveryMillis || nowMillis < known.verifiedAt) {
			return Route.SCRIPT;
		}
		return (seq > known.seq) ? Route.PLAIN : Route.OLDER;
	}

	/**
	 * The marks a fix going as plain commands sets: the same rule as the script's.
	 * @param riderId a rider {@link #route routed} {@link Route#PLAIN}
	 * @param atMillis the fix's time
	 * @return the marks due
	 */
	Marks marks(String riderId, long atMillis) {
		Written known = this.riders.get(riderId);
		boolean seen = known.seenAt == 0 || atMillis - known.seenAt >= this.seenEveryMillis;
		long sinceTrail = atMillis - known.trailAt;
		// a clock that went back starts the trail's spacing again rather than stopping it
		boolean trail = known.trailAt == 0 || sinceTrail >= this.trailEveryMillis || sinceTrail < 0;
		return new Marks(seen, trail);
	}

	/**
	 * Records a fix written as plain commands, once Redis has taken them.
	 * @param riderId the rider
	 * @param seq the fix's seq
	 * @param atMillis the fix's time
	 * @param marks the marks it set
	 */
	void wrote(String riderId, long seq, long atMillis, Marks marks) {
		this.riders.computeIfPresent(riderId, (id, known) -> new Written(seq, marks.seen ? atMillis : known.seenAt,
				marks.trail ? atMillis : known.trailAt, known.verifiedAt));
	}

	/**
	 * Records what the script answered for a rider: what its hash holds now.
	 * @param riderId the rider
	 * @param seq the stored seq
	 * @param seenAt the stored last-seen mark, 0 if none
	 * @param trailAt the stored trail mark, 0 if none
	 * @param nowMillis the wall clock
	 */
	void verified(String riderId, long seq, long seenAt, long trailAt, long nowMillis) {
		if (this.riders.size() >= MAX_RIDERS) {
			this.riders.clear();
		}
		this.riders.put(riderId, new Written(seq, seenAt, trailAt, nowMillis));
	}

	/**
	 * Forgets a rider, whose write may not have reached Redis.
	 * @param riderId the rider
	 */
	void forget(String riderId) {
		this.riders.remove(riderId);
	}

	/** Forgets every rider: this instance's partitions changed. */
	void forget() {
		this.riders.clear();
	}

	/** How a fix is written. */
	enum Route {

		/** Through the script, which reads what Redis holds. */
		SCRIPT,

		/** As plain commands: it is newer than what Redis holds. */
		PLAIN,

		/** Not at all: Redis holds this fix or a newer one. */
		OLDER

	}

	/**
	 * The marks a fix sets in its rider's hash.
	 *
	 * @param seen whether it refreshes the last-seen score
	 * @param trail whether it joins the trail
	 */
	record Marks(boolean seen, boolean trail) {
	}

	private record Written(long seq, long seenAt, long trailAt, long verifiedAt) {
	}

}
