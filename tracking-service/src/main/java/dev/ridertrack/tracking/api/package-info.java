/**
 * The REST API: riders, orders and the Kafka panel's view of partitions and groups.
 */
package dev.ridertrack.tracking.api;
