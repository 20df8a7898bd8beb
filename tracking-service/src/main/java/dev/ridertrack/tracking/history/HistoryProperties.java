package dev.ridertrack.tracking.history;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the replay's recorded tracks come from.
 *
 * @param historyUrl db-writer's base URL (its history API)
 * @param historyTimeout how long a history request may take before the dashboard is told
 * the history service is unavailable
 */
@ConfigurationProperties("ridertrack.tracking")
record HistoryProperties(URI historyUrl, @DefaultValue("10s") Duration historyTimeout) {

}
