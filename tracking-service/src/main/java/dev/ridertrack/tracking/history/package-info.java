/**
 * Replay: the operator's window onto db-writer's history API, forwarded server-side so
 * the dashboard keeps one origin and one login.
 */
package dev.ridertrack.tracking.history;
