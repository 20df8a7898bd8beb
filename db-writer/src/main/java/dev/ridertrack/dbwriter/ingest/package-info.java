/**
 * From Kafka to MongoDB: batch listeners on {@code rider-locations} and
 * {@code order-events} that write each poll as one idempotent bulk write and let Kafka
 * commit only after MongoDB acknowledged it.
 */
package dev.ridertrack.dbwriter.ingest;
