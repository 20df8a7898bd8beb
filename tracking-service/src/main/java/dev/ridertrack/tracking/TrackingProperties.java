package dev.ridertrack.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tracking-service keeps and pushes live state.
 *
 * @param silenceTimeout a rider silent this long disappears from Redis and every map
 * @param tick how often each WebSocket session receives its batched delta frame
 * @param sweepInterval how often silent riders are swept from Redis
 * @param trailWindow how far back a trail reaches
 * @param trailSpacing a position joins a rider's trail once it is this much newer than
 * the last one kept, so a trail holds {@link #trailLength()} positions
 * @param orderTtl how long an order's state outlives its last event in Redis
 * @param liveReplay how much of the streams the live view re-reads when it starts
 * @param densityZoom a viewport at this zoom or further out gets a density grid instead
 * of riders
 * @param densityRiders a viewport holding more riders than this gets a density grid (back
 * to riders below 80 % of it, so a busy edge does not flip every tick)
 * @param densityCellPx density cell size in screen pixels (a power of two)
 * @param densityInterval at most one density frame per session this often
 * @param liveIdleAfter with no WebSocket session for this long, the live feed stops
 * reading Kafka until a session connects (it then starts as on start-up, re-reading up to
 * {@code liveReplay})
 */
@ConfigurationProperties("ridertrack.tracking")
public record TrackingProperties(@DefaultValue("2m") Duration silenceTimeout, @DefaultValue("50ms") Duration tick,
		@DefaultValue("5s") Duration sweepInterval, @DefaultValue("5m") Duration trailWindow,
		@DefaultValue("10s") Duration trailSpacing, @DefaultValue("6h") Duration orderTtl,
		@DefaultValue("10s") Duration liveReplay, @DefaultValue("10") int densityZoom,
		@DefaultValue("40000") int densityRiders, @DefaultValue("8") int densityCellPx,
		@DefaultValue("500ms") Duration densityInterval, @DefaultValue("1m") Duration liveIdleAfter) {

	public TrackingProperties {
		if (trailSpacing.isZero() || trailSpacing.isNegative() || trailSpacing.compareTo(trailWindow) > 0) {
			throw new IllegalArgumentException("ridertrack.tracking.trail-spacing must be more than 0 and at most"
					+ " trail-window (" + trailWindow + "), not " + trailSpacing);
		}
	}

	/**
	 * Positions a rider's trail holds: one every {@code trailSpacing} over the
	 * {@code trailWindow}.
	 * @return the trail's length
	 */
	public int trailLength() {
		return (int) trailWindow.dividedBy(trailSpacing);
	}

}
