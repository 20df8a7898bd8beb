package dev.ridertrack.analytics.zones;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Windows of analytics-service.
 *
 * @param shortWindow the live window, published to {@code zone-stats}
 * @param shortGrace how late a fix may be and still count in its live window
 * @param shortRetention how long live windows stay queryable
 * @param longWindow the history window
 * @param longGrace how late a fix may be and still count in its history window
 * @param longRetention how long history windows stay queryable
 * @param sliceFlush how often each task passes the fixes it has added up per zone on to
 * the zone windows (the delay this adds to live zone stats)
 * @param zonePartitions partitions of the {@code zone-slices} repartition topic, so the
 * number of tasks that keep the zone windows: the slices are at most one record per zone,
 * task and flush, which one task holds easily, and each task costs its own window stores,
 * changelog partitions and work at every commit
 */
@ConfigurationProperties("ridertrack.analytics")
public record AnalyticsProperties(@DefaultValue("10s") Duration shortWindow, @DefaultValue("5s") Duration shortGrace,
		@DefaultValue("30m") Duration shortRetention, @DefaultValue("1m") Duration longWindow,
		@DefaultValue("10s") Duration longGrace, @DefaultValue("6h") Duration longRetention,
		@DefaultValue("2s") Duration sliceFlush, @DefaultValue("2") int zonePartitions) {

	/**
	 * The defaults, as {@code application.yml} would bind them with nothing set.
	 * @return the default settings
	 */
	public static AnalyticsProperties defaults() {
		return new AnalyticsProperties(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(30),
				Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofHours(6), Duration.ofSeconds(2), 2);
	}

}
