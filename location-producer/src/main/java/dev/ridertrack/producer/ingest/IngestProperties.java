package dev.ridertrack.producer.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much the ingestion API takes and how long it waits.
 *
 * @param maxBatchSize most fixes in one batch request; phones that were offline send
 * their buffer in several batches
 * @param maxBodySize largest request body read; anything larger is answered {@code 413}
 * before it is parsed
 * @param maxAge oldest {@code recordedAt} still taken: older fixes are of no use to a
 * live map and would only confuse ETAs
 * @param maxClockSkew how far in the future a {@code recordedAt} may be, for phones whose
 * clock runs a little fast
 * @param ackTimeout longest a request waits for Kafka's acknowledgement before it is
 * answered {@code 503}; keep it above the producer's {@code max.block.ms}
 * @param maxInFlightRequests requests waiting for Kafka at once; the next one is answered
 * {@code 503} at once rather than queueing without bound
 * @param retryAfter what {@code Retry-After} tells a client turned away with {@code 503}
 */
@ConfigurationProperties("ridertrack.ingest")
public record IngestProperties(@DefaultValue("500") int maxBatchSize, @DefaultValue("256KB") DataSize maxBodySize,
		@DefaultValue("24h") Duration maxAge, @DefaultValue("30s") Duration maxClockSkew,
		@DefaultValue("5s") Duration ackTimeout, @DefaultValue("1024") int maxInFlightRequests,
		@DefaultValue("1s") Duration retryAfter) {

}
