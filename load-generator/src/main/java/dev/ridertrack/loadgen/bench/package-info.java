/**
 * The ingestion benchmark: Kafka's own producer figures next to ours, in one run.
 */
package dev.ridertrack.loadgen.bench;
