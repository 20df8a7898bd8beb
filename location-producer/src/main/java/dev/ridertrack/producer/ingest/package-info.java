/**
 * The ingestion API: rider apps POST GPS fixes, one or a batch; each is checked (token,
 * ranges, clock), written to {@code rider-locations} keyed by rider id, and answered
 * {@code 202} only once Kafka has acknowledged every fix of the request.
 * {@link FixGateway} is the one public door: other protocols (the phone apps') send their
 * fixes through the same path.
 */
package dev.ridertrack.producer.ingest;
