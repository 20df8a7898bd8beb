/**
 * The tracking group's share of the streams, kept in Redis: each rider's newest fix
 * (hash, GEO set, trail), each order's state and ETA, and who rides for which order.
 */
package dev.ridertrack.tracking.state;
