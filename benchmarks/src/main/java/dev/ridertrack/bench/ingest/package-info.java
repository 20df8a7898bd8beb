/**
 * The ingestion benchmark: Kafka's own producer figures next to ours, in one run, each
 * contender its own process on a broker the local stack starts.
 */
package dev.ridertrack.bench.ingest;
