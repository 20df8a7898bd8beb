/**
 * The ingestion API: rider apps POST GPS fixes, one or a batch; each is checked (token,
 * ranges, clock), written to {@code rider-locations} keyed by rider id, and answered
 * {@code 202} only once Kafka has acknowledged every fix of the request.
 */
package dev.ridertrack.producer.ingest;
