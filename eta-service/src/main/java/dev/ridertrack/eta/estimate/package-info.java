/**
 * The ETA of every active order: the Kafka Streams topology that joins riders' fixes with
 * their orders, the route and speed model, and its settings.
 */
package dev.ridertrack.eta.estimate;
