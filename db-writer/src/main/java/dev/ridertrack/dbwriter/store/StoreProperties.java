package dev.ridertrack.dbwriter.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long db-writer waits for MongoDB before it treats a write as failed and retries it.
 *
 * @param serverSelectionTimeout how long to wait for a reachable server
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer (a flush of a full batch must fit)
 */
@ConfigurationProperties("ridertrack.dbwriter.mongo")
record StoreProperties(@DefaultValue("2s") Duration serverSelectionTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout) {
}
