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
 * @param trailLength positions kept per rider for the dashboard's trail
 * @param trailWindow how far back a trail reaches
 * @param orderTtl how long an order's state outlives its last event in Redis
 * @param liveReplay how much of the streams the live view re-reads when it starts
 */
@ConfigurationProperties("ridertrack.tracking")
public record TrackingProperties(@DefaultValue("2m") Duration silenceTimeout, @DefaultValue("250ms") Duration tick,
		@DefaultValue("5s") Duration sweepInterval, @DefaultValue("120") int trailLength,
		@DefaultValue("5m") Duration trailWindow, @DefaultValue("6h") Duration orderTtl,
		@DefaultValue("10s") Duration liveReplay) {

}
