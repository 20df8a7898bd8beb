package dev.ridertrack.tracking.kafka;

/**
 * A group's health, Burrow-style, from the worst to the best (not knowing ranks below
 * knowing all is well).
 */
enum StatusCode {

	/** No commit during the window while records wait. */
	STOP,
	/** Commits keep coming, but the committed offset does not move while records wait. */
	STALL,
	/** A committed offset went backwards: someone reset or replayed the group. */
	REWIND,
	/** The group commits, but its lag grew across the window. */
	WARN,
	/** Not enough observations, or nothing committed to judge. */
	UNKNOWN,
	/** Lag is under control. */
	OK

}
