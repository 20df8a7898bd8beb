/**
 * {@code ./ridertrack up}: the whole platform on one machine without Docker. Real Kafka
 * brokers (KRaft) from the Apache Kafka jars, Redis, a MongoDB-compatible server and
 * every service, each its own process, started in order, one log stream, stopped in
 * reverse order; a small control API to scale a consumer group or stop a broker.
 */
package dev.ridertrack.localstack;
