/**
 * eta-service's and analytics-service's Kafka Streams topologies under load, and eta's
 * accuracy ({@code ./ridertrack bench streams}).
 */
package dev.ridertrack.bench.streams;
