/**
 * Running the topology: poison records to dead-letter topics, and health from the Kafka
 * Streams state.
 */
package dev.ridertrack.eta.streams;
