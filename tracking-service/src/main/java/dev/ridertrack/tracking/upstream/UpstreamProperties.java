package dev.ridertrack.tracking.upstream;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services the dashboard reads through tracking-service.
 *
 * @param historyUrl db-writer's base URL (its history API, for the replay)
 * @param analyticsUrl analytics-service's base URL (city figures)
 * @param upstreamTimeout how long a forwarded request may take before the dashboard is
 * told the service is unavailable
 */
@ConfigurationProperties("ridertrack.tracking")
record UpstreamProperties(URI historyUrl, URI analyticsUrl, @DefaultValue("10s") Duration upstreamTimeout) {

}
