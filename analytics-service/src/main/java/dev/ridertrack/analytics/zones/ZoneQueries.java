package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.ridertrack.events.ZoneStats;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Answers questions from this instance's window stores (interactive queries). With one
 * instance that is the whole city; with several, each holds the zones of its partitions
 * and {@link CityWideQueries} puts the instances' answers together.
 */
final class ZoneQueries {

	private static final Duration CURRENT_LOOKBACK = Duration.ofMinutes(1);

	/** How far back the city's live series reaches. */
	private static final Duration SERIES_SPAN = Duration.ofMinutes(5);

	private final Function<String, ReadOnlyWindowStore<String, ZoneAggregate>> stores;

	private final AnalyticsProperties settings;

	private final Supplier<Object> assignment;

	private final ClosedWindows<CityStats.Fixes> closedLive = new ClosedWindows<>();

	private final ClosedWindows<CityStats.Deliveries> closedMinutes = new ClosedWindows<>();

	private volatile Object heldTasks;

	/**
	 * Queries of one instance's stores.
	 * @param stores a window store by name
	 * @param settings window sizes and grace periods
	 * @param assignment the tasks this instance holds (the closed windows the city query
	 * keeps are forgotten when they change)
	 */
	ZoneQueries(Function<String, ReadOnlyWindowStore<String, ZoneAggregate>> stores, AnalyticsProperties settings,
			Supplier<Object> assignment) {
		this.stores = stores;
		this.settings = settings;
		this.assignment = assignment;
	}

	/**
	 * Each zone's latest complete live window (the one still filling is partial), from
	 * the last minute.
	 * @param now the time to look back from
	 * @return one entry per zone seen in the last minute, by zone id
	 */
	List<ZoneStats> current(Instant now) {
		long size = this.settings.shortWindow().toMillis();
		Map<String, ZoneStats> latest = new TreeMap<>();
		try (KeyValueIterator<Windowed<String>, ZoneAggregate> windows = shortStore()
			.fetchAll(now.minus(CURRENT_LOOKBACK), now.minusMillis(size))) {
			while (windows.hasNext()) {
				KeyValue<Windowed<String>, ZoneAggregate> window = windows.next();
				ZoneStats stats = stats(window.key.key(), window.key.window().start(), size, window.value);
				latest.merge(stats.zoneId(), stats, (a, b) -> a.windowStart().isAfter(b.windowStart()) ? a : b);
			}
		}
		return new ArrayList<>(latest.values());
	}

	/**
	 * The busiest zones of a list: most active riders, then most fixes.
	 * @param zones the zones
	 * @param limit how many
	 * @return the zones, busiest first
	 */
	static List<ZoneStats> busiestFirst(List<ZoneStats> zones, int limit) {
		return zones.stream()
			.sorted(Comparator.comparingLong(ZoneStats::activeRiders)
				.thenComparingLong(ZoneStats::fixes)
				.reversed()
				.thenComparing(ZoneStats::zoneId))
			.limit(limit)
			.toList();
	}

	/**
	 * One zone's windows, oldest first.
	 * @param zoneId the zone
	 * @param longWindows {@code true} for the 1 min windows, {@code false} for 10 s
	 * @param now the end of the span
	 * @param span how far back
	 * @return the windows
	 */
	List<ZoneStats> history(String zoneId, boolean longWindows, Instant now, Duration span) {
		ReadOnlyWindowStore<String, ZoneAggregate> store = longWindows ? longStore() : shortStore();
		long size = (longWindows ? this.settings.longWindow() : this.settings.shortWindow()).toMillis();
		List<ZoneStats> history = new ArrayList<>();
		try (WindowStoreIterator<ZoneAggregate> windows = store.fetch(zoneId, now.minus(span), now)) {
			while (windows.hasNext()) {
				KeyValue<Long, ZoneAggregate> window = windows.next();
				history.add(stats(zoneId, window.key, size, window.value));
			}
		}
		return history;
	}

	/**
	 * The city as a whole, up to the newest live window analytics has counted (normally
	 * the one now filling; earlier when analytics is behind): fixes per second and
	 * distinct riders per live window over five minutes; deliveries and mean delivery
	 * time per minute over 30. Riders are united across zones, so a rider who crossed a
	 * zone border counts once. A window is complete once the newest counted window starts
	 * at least its grace period after the window's end: Kafka Streams has closed it, and
	 * the next queries take its totals from {@link ClosedWindows} instead of the stores.
	 * @param now the wall clock
	 * @return the series, oldest first
	 */
	CityStats city(Instant now) {
		forgetClosedWindowsIfTasksMoved();
		long shortSize = this.settings.shortWindow().toMillis();
		Instant from = now.minus(SERIES_SPAN);
		Map<Long, long[]> fixes = new TreeMap<>();
		Map<Long, RiderHashes> riders = new HashMap<>();
		long newest = addFixes(this.closedLive.readFrom(from), now, fixes, riders);
		boolean current = !fixes.isEmpty();
		if (!current) {
			// nothing in the last minutes: behind by more than that, or no riders at all
			newest = newestStart(now.minus(this.settings.shortRetention()), now);
			if (newest == Long.MIN_VALUE) {
				return new CityStats(List.of(), List.of(), null, 0);
			}
			from = Instant.ofEpochMilli(newest).minus(SERIES_SPAN);
			addFixes(from, Instant.ofEpochMilli(newest), fixes, riders);
		}
		long streamTime = newest;
		Instant oldest = from;
		List<CityStats.Fixes> fixSeries = new ArrayList<>(current ? this.closedLive.since(oldest) : List.of());
		fixes.forEach((start, count) -> {
			CityStats.Fixes window = new CityStats.Fixes(Instant.ofEpochMilli(start),
					Instant.ofEpochMilli(start + shortSize), count[0] * 1000.0 / shortSize,
					riders.get(start).distinct(), closed(start + shortSize, this.settings.shortGrace(), streamTime));
			fixSeries.add(window);
			if (current && window.complete()) {
				this.closedLive.keep(window.windowStart(), window, oldest);
			}
		});

		long longSize = this.settings.longWindow().toMillis();
		Instant to = Instant.ofEpochMilli(newest + shortSize);
		Instant minutesFrom = to.minus(Duration.ofMinutes(30));
		List<CityStats.Deliveries> deliverySeries = new ArrayList<>(
				current ? this.closedMinutes.since(minutesFrom) : List.of());
		Map<Long, ZoneAggregate> minutes = new TreeMap<>();
		try (KeyValueIterator<Windowed<String>, ZoneAggregate> windows = longStore()
			.fetchAll(current ? this.closedMinutes.readFrom(minutesFrom) : minutesFrom, to)) {
			while (windows.hasNext()) {
				KeyValue<Windowed<String>, ZoneAggregate> window = windows.next();
				ZoneAggregate total = minutes.computeIfAbsent(window.key.window().start(), (s) -> new ZoneAggregate());
				total.deliveries += window.value.deliveries;
				total.timedDeliveries += window.value.timedDeliveries;
				total.deliverySecondsSum += window.value.deliverySecondsSum;
			}
		}
		minutes.forEach((start, total) -> {
			CityStats.Deliveries minute = new CityStats.Deliveries(Instant.ofEpochMilli(start),
					Instant.ofEpochMilli(start + longSize), total.deliveries,
					Math.round(total.avgDeliverySeconds() * 10) / 10.0,
					closed(start + longSize, this.settings.longGrace(), streamTime));
			deliverySeries.add(minute);
			if (current && minute.complete()) {
				this.closedMinutes.keep(minute.windowStart(), minute, minutesFrom);
			}
		});
		long behind = Math.max(0, (now.toEpochMilli() - (newest + shortSize)) / 1000);
		return new CityStats(fixSeries, deliverySeries, Instant.ofEpochMilli(newest), behind);
	}

	/**
	 * The closed windows kept would count zones another instance answers for once tasks
	 * have moved: forget them then.
	 */
	private void forgetClosedWindowsIfTasksMoved() {
		Object tasks = this.assignment.get();
		if (!Objects.equals(tasks, this.heldTasks)) {
			this.closedLive.clear();
			this.closedMinutes.clear();
			this.heldTasks = tasks;
		}
	}

	/**
	 * Adds up the live windows that start in a span, per start.
	 * @return the newest start seen, or {@link Long#MIN_VALUE}
	 */
	private long addFixes(Instant from, Instant to, Map<Long, long[]> fixes, Map<Long, RiderHashes> riders) {
		long newest = Long.MIN_VALUE;
		try (KeyValueIterator<Windowed<String>, ZoneAggregate> windows = shortStore().fetchAll(from, to)) {
			while (windows.hasNext()) {
				KeyValue<Windowed<String>, ZoneAggregate> window = windows.next();
				long start = window.key.window().start();
				newest = Math.max(newest, start);
				fixes.computeIfAbsent(start, (s) -> new long[1])[0] += window.value.fixes;
				riders.computeIfAbsent(start, (s) -> new RiderHashes()).add(window.value);
			}
		}
		return newest;
	}

	/**
	 * The newest live window's start in a span, adding nothing up: analytics looks this
	 * far back only when it is behind, and adding up 30 minutes of riders then was what
	 * filled its heap (issue 14).
	 * @return the newest start, or {@link Long#MIN_VALUE}
	 */
	private long newestStart(Instant from, Instant to) {
		try (KeyValueIterator<Windowed<String>, ZoneAggregate> windows = shortStore().backwardFetchAll(from, to)) {
			return windows.hasNext() ? windows.next().key.window().start() : Long.MIN_VALUE;
		}
	}

	/**
	 * The riders of one window start across zones, as their hashes in one growing array:
	 * 4 bytes a rider per zone. A {@code HashSet<Integer>} cost about 50, and at 100,000
	 * riders a city query held 30 windows of them: 150 MB or more per query, several at
	 * once when queries overlapped while analytics was short of CPU, until its heap was
	 * full (issue 14).
	 */
	static final class RiderHashes {

		private int[] hashes = new int[64];

		private int size;

		void add(ZoneAggregate zone) {
			int count = zone.riderCount;
			if (this.size + count > this.hashes.length) {
				this.hashes = Arrays.copyOf(this.hashes, Math.max(this.hashes.length * 2, this.size + count));
			}
			System.arraycopy(zone.riders, 0, this.hashes, this.size, count);
			this.size += count;
		}

		/** How many different riders (a rider seen in several zones counts once). */
		int distinct() {
			Arrays.sort(this.hashes, 0, this.size);
			int distinct = 0;
			for (int i = 0; i < this.size; i++) {
				if (i == 0 || this.hashes[i] != this.hashes[i - 1]) {
					distinct++;
				}
			}
			return distinct;
		}

	}

	/** Whether a window ending then is closed, the stream having counted up to then. */
	private static boolean closed(long windowEnd, Duration grace, long streamTime) {
		return windowEnd + grace.toMillis() <= streamTime;
	}

	private ReadOnlyWindowStore<String, ZoneAggregate> shortStore() {
		return this.stores.apply(AnalyticsTopology.SHORT_WINDOWS_STORE);
	}

	private ReadOnlyWindowStore<String, ZoneAggregate> longStore() {
		return this.stores.apply(AnalyticsTopology.LONG_WINDOWS_STORE);
	}

	private static ZoneStats stats(String zoneId, long start, long size, ZoneAggregate aggregate) {
		return aggregate.toZoneStats(zoneId, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size));
	}

}
