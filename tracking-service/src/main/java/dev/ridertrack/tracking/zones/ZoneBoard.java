package dev.ridertrack.tracking.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import dev.ridertrack.tracking.zones.LiveZones.CityWindow;
import dev.ridertrack.tracking.zones.LiveZones.Zone;

import org.springframework.stereotype.Component;

/**
 * What the dashboard shows of analytics: per window start, each zone's newest statistics
 * (a window re-published by analytics replaces the earlier version instead of counting
 * twice). Time is the stream's own: "now" is the newest window seen, so a replayed or
 * delayed topic still draws as it was, and a zone that stopped reporting fades out.
 */
@Component
class ZoneBoard {

	/** How far back the charts reach. */
	static final Duration SERIES_SPAN = Duration.ofMinutes(10);

	/**
	 * A zone whose newest window is older than this, relative to the newest window, is
	 * not drawn.
	 */
	static final Duration ZONE_FRESHNESS = Duration.ofSeconds(30);

	private final NavigableMap<Instant, Map<String, ZoneStats>> windows = new TreeMap<>();

	synchronized void add(ZoneStats stats) {
		if (stats.zoneId() == null || stats.windowStart() == null || stats.windowEnd() == null) {
			return;
		}
		this.windows.computeIfAbsent(stats.windowStart(), (start) -> new HashMap<>()).put(stats.zoneId(), stats);
		Instant newest = this.windows.lastKey();
		this.windows.headMap(newest.minus(SERIES_SPAN), false).clear();
	}

	/** The newest window of every zone that still reports, with the cell's bounds. */
	synchronized LiveZones zones() {
		Map<String, ZoneStats> latest = new HashMap<>();
		Instant newestEnd = null;
		for (Map<String, ZoneStats> window : this.windows.values()) {
			for (ZoneStats stats : window.values()) {
				latest.put(stats.zoneId(), stats);
				if (newestEnd == null || stats.windowEnd().isAfter(newestEnd)) {
					newestEnd = stats.windowEnd();
				}
			}
		}
		List<Zone> zones = new ArrayList<>();
		for (ZoneStats stats : latest.values()) {
			if (stats.windowEnd().isBefore(newestEnd.minus(ZONE_FRESHNESS))) {
				continue;
			}
			zones.add(new Zone(stats.zoneId(), Zones.bounds(stats.zoneId()), stats.windowEnd(), stats.activeRiders(),
					stats.fixes(), stats.avgSpeedMps(), stats.deliveriesCompleted(), stats.avgDeliverySeconds()));
		}
		zones.sort(Comparator.comparingLong(Zone::activeRiders).reversed());
		return new LiveZones(newestEnd, zones, series());
	}

	/**
	 * City-wide figures per window, oldest first: fixes per second, riders, deliveries in
	 * the minute up to the window's end, and their average delivery time.
	 */
	private List<CityWindow> series() {
		List<CityWindow> series = new ArrayList<>();
		for (Map.Entry<Instant, Map<String, ZoneStats>> entry : this.windows.entrySet()) {
			Instant start = entry.getKey();
			long fixes = 0;
			long riders = 0;
			Instant end = start;
			for (ZoneStats stats : entry.getValue().values()) {
				fixes += stats.fixes();
				riders += stats.activeRiders();
				end = stats.windowEnd();
			}
			double seconds = Math.max(1, Duration.between(start, end).toMillis() / 1000.0);
			long deliveries = 0;
			double deliverySeconds = 0;
			// a trailing minute: windows are shorter than that, so their deliveries add
			// up
			Instant minuteAgo = end.minus(Duration.ofMinutes(1));
			if (!minuteAgo.isBefore(start)) {
				minuteAgo = start.minusNanos(1);
			}
			for (Map<String, ZoneStats> window : this.windows.subMap(minuteAgo, false, start, true).values()) {
				for (ZoneStats stats : window.values()) {
					deliveries += stats.deliveriesCompleted();
					deliverySeconds += stats.deliveriesCompleted() * stats.avgDeliverySeconds();
				}
			}
			// riders counted per zone: one crossing a border in the window counts twice
			series.add(new CityWindow(start, end, fixes / seconds, riders, deliveries,
					(deliveries > 0) ? deliverySeconds / deliveries : null));
		}
		return series;
	}

}
