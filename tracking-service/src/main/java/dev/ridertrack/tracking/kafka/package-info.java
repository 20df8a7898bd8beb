/**
 * The Kafka page's server side: one Admin-client poll loop that watches the cluster, its
 * groups' lag over time and what changed, and the JSON API under {@code /api/v1/kafka/}.
 */
package dev.ridertrack.tracking.kafka;
