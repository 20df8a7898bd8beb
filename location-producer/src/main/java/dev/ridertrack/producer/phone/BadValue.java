package dev.ridertrack.producer.phone;

/**
 * A value of an app's request that cannot be read at all (not a number, a timestamp in no
 * known form); answered {@code 400} naming the app's own field.
 */
final class BadValue extends RuntimeException {

	private final String field;

	private final String rule;

	private final Object rejected;

	BadValue(String field, String rule, Object rejected) {
		super(field + " " + rule, null, false, false);
		this.field = field;
		this.rule = rule;
		this.rejected = rejected;
	}

	String field() {
		return this.field;
	}

	String rule() {
		return this.rule;
	}

	Object rejected() {
		return this.rejected;
	}

}
