/**
 * Per-zone windowed aggregates: the Kafka Streams topology that builds them, the
 * interactive queries over its window stores and their REST API.
 */
package dev.ridertrack.analytics.zones;
