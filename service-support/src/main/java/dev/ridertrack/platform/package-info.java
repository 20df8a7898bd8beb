/**
 * What every RiderTrack service wires the same way, auto-configured so a service only
 * adds this module: a Kafka health indicator, the catalog's topics as {@code NewTopic}
 * beans, one dead-letter error handler, and the HMAC tokens riders and customers carry.
 */
package dev.ridertrack.platform;
