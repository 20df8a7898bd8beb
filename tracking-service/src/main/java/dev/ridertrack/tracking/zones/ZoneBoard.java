package dev.ridertrack.tracking.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;

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
	synchronized Map<String, Object> zones() {
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
		List<Map<String, Object>> zones = new ArrayList<>();
		for (ZoneStats stats : latest.values()) {
			if (stats.windowEnd().isBefore(newestEnd.minus(ZONE_FRESHNESS))) {
				continue;
			}
			Map<String, Object> zone = new LinkedHashMap<>();
			zone.put("zoneId", stats.zoneId());
			zone.put("bounds", Zones.bounds(stats.zoneId()));
			zone.put("windowEnd", stats.windowEnd());
			zone.put("activeRiders", stats.activeRiders());
			zone.put("fixes", stats.fixes());
			zone.put("avgSpeedMps", stats.avgSpeedMps());
			zone.put("deliveriesCompleted", stats.deliveriesCompleted());
			zone.put("avgDeliverySeconds", stats.avgDeliverySeconds());
			zones.add(zone);
		}
		zones.sort((a, b) -> Long.compare((long) b.get("activeRiders"), (long) a.get("activeRiders")));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("windowEnd", newestEnd);
		answer.put("zones", zones);
		answer.put("series", series());
		return answer;
	}

	/**
	 * City-wide figures per window, oldest first: fixes per second, riders, deliveries in
	 * the minute up to the window's end, and their average delivery time.
	 */
	private List<Map<String, Object>> series() {
		List<Map<String, Object>> series = new ArrayList<>();
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
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("windowStart", start);
			point.put("windowEnd", end);
			point.put("fixesPerSecond", fixes / seconds);
			// riders counted per zone: one crossing a border in the window counts twice
			point.put("activeRiders", riders);
			point.put("deliveriesPerMinute", deliveries);
			point.put("avgDeliverySeconds", (deliveries > 0) ? deliverySeconds / deliveries : null);
			series.add(point);
		}
		return series;
	}

}
