package dev.ridertrack.tracking.lessons;

/**
 * The three ways lesson 10 consumes the same records, each in its own group.
 */
enum DeliverySemantics {

	/** Commit before processing: a crash mid-batch loses the rest of the batch. */
	AT_MOST_ONCE("at-most-once", false, false),

	/** Commit after processing: a crash mid-batch delivers the batch again. */
	AT_LEAST_ONCE("at-least-once", true, false),

	/** At-least-once delivery into a sink that keeps each record id once. */
	IDEMPOTENT("idempotent sink", true, true);

	private final String label;

	private final boolean commitAfter;

	private final boolean idempotent;

	DeliverySemantics(String label, boolean commitAfter, boolean idempotent) {
		this.label = label;
		this.commitAfter = commitAfter;
		this.idempotent = idempotent;
	}

	String label() {
		return this.label;
	}

	boolean commitAfter() {
		return this.commitAfter;
	}

	boolean idempotent() {
		return this.idempotent;
	}

	String group() {
		return "lesson-semantics-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
