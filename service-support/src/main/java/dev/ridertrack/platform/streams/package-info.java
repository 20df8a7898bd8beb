/**
 * What the Kafka Streams services (eta-service, analytics-service) share around their
 * topologies: event time from the events themselves, poison records to the dead-letter
 * topic, and a health indicator that follows the streams' state.
 */
package dev.ridertrack.platform.streams;
