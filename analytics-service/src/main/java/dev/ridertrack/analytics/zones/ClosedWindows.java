package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The city's closed windows, as earlier city queries added them up. A window past its
 * grace period takes no more records, so its city-wide totals cannot change: a query
 * reads from the stores only the windows after the newest one kept here. At 100,000
 * riders that is two or three live windows instead of thirty, and two minutes instead of
 * thirty: reading and deserialising every zone's windows (rider sets included) took a
 * city query 1.2–4 s of analytics' time, every 5 s for each open dashboard (issue 14).
 * <p>
 * What an instance holds changes when tasks move; the windows kept then would count zones
 * another instance now answers for, so they are forgotten when the instance's tasks
 * change.
 */
final class ClosedWindows {

	private final NavigableMap<Long, CityStats.Fixes> fixes = new ConcurrentSkipListMap<>();

	private final NavigableMap<Long, CityStats.Deliveries> minutes = new ConcurrentSkipListMap<>();

	private volatile Object assignment;

	/**
	 * Forget everything if the tasks this instance holds are not those of the last query.
	 * @param assignment the instance's tasks, as anything comparable by {@code equals}
	 */
	void holding(Object assignment) {
		if (!Objects.equals(assignment, this.assignment)) {
			this.fixes.clear();
			this.minutes.clear();
			this.assignment = assignment;
		}
	}

	/**
	 * Where a query should start reading live windows.
	 * @param from the start of the span it wants
	 * @return {@code from}, or just after the newest closed window kept
	 */
	Instant liveReadFrom(Instant from) {
		return after(this.fixes, from);
	}

	/**
	 * Where a query should start reading history windows.
	 * @param from the start of the span it wants
	 * @return {@code from}, or just after the newest closed window kept
	 */
	Instant minutesReadFrom(Instant from) {
		return after(this.minutes, from);
	}

	NavigableMap<Long, CityStats.Fixes> live(Instant from) {
		return this.fixes.tailMap(from.toEpochMilli(), true);
	}

	NavigableMap<Long, CityStats.Deliveries> minutes(Instant from) {
		return this.minutes.tailMap(from.toEpochMilli(), true);
	}

	/** Keep a closed live window, and forget those older than a span. */
	void keep(CityStats.Fixes window, Instant oldest) {
		this.fixes.put(window.windowStart().toEpochMilli(), window);
		this.fixes.headMap(oldest.toEpochMilli()).clear();
	}

	/** Keep a closed history window, and forget those older than a span. */
	void keep(CityStats.Deliveries window, Instant oldest) {
		this.minutes.put(window.windowStart().toEpochMilli(), window);
		this.minutes.headMap(oldest.toEpochMilli()).clear();
	}

	private static Instant after(NavigableMap<Long, ?> kept, Instant from) {
		if (kept.isEmpty() || kept.lastKey() < from.toEpochMilli()) {
			return from;
		}
		return Instant.ofEpochMilli(kept.lastKey() + 1);
	}

}
