package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One series of the city's closed windows (live windows or minutes), as earlier city
 * queries added them up, by window start. A window past its grace period takes no more
 * records, so its city-wide totals cannot change: a query reads from the stores only the
 * windows after the newest one kept here. At 100,000 riders that is two or three live
 * windows instead of thirty, and two minutes instead of thirty: reading and deserialising
 * every zone's windows (rider sets included) took a city query 1.2–4 s of analytics'
 * time, every 5 s for each open dashboard (issue 14).
 *
 * @param <W> the city window
 */
final class ClosedWindows<W> {

	private final NavigableMap<Long, W> kept = new ConcurrentSkipListMap<>();

	/** Forget every window (the instance's tasks changed). */
	void clear() {
		this.kept.clear();
	}

	/**
	 * Where a query should start reading windows from the stores.
	 * @param from the start of the span it wants
	 * @return {@code from}, or just after the newest closed window kept
	 */
	Instant readFrom(Instant from) {
		if (this.kept.isEmpty() || this.kept.lastKey() < from.toEpochMilli()) {
			return from;
		}
		return Instant.ofEpochMilli(this.kept.lastKey() + 1);
	}

	/**
	 * The windows kept that start in a span.
	 * @param from the start of the span
	 * @return the windows, oldest first
	 */
	Collection<W> since(Instant from) {
		return this.kept.tailMap(from.toEpochMilli(), true).values();
	}

	/**
	 * Keep a closed window, and forget those that start before a span.
	 * @param start the window's start
	 * @param window its city-wide totals
	 * @param oldest the start of the span
	 */
	void keep(Instant start, W window, Instant oldest) {
		this.kept.put(start.toEpochMilli(), window);
		this.kept.headMap(oldest.toEpochMilli()).clear();
	}

}
