/**
 * The operator's window onto db-writer's history API (the replay) and analytics' city
 * figures, forwarded server-side so the dashboard keeps one origin and one login.
 */
package dev.ridertrack.tracking.upstream;
