package dev.ridertrack.producer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rules a fix must meet before it may reach the topic. Written by hand rather than as
 * Bean Validation annotations because two rules depend on the clock and configuration,
 * and every message must name the field, the rule and the value that broke it.
 */
@Component
class FixValidator {

	static final String ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

	private static final String REQUIRED = "is required";

	private static final String FINITE = "must be a finite number";

	private final Clock clock;

	private final Duration maxAge;

	private final Duration maxClockSkew;

	private final String tooOld;

	private final String tooNew;

	@Autowired
	FixValidator(IngestProperties properties) {
		this(properties, Clock.systemUTC());
	}

	FixValidator(IngestProperties properties, Clock clock) {
		this.clock = clock;
		this.maxAge = properties.maxAge();
		this.maxClockSkew = properties.maxClockSkew();
		this.tooOld = "must not be older than " + human(this.maxAge);
		this.tooNew = "must not be more than " + human(this.maxClockSkew) + " in the future";
	}

	/**
	 * Checks one fix and adds what it breaks to {@code violations}.
	 * @param fix the fix, {@code null} when a batch held a JSON null
	 * @param index its position in a batch, {@code null} for a single fix
	 * @param violations where broken rules are added
	 */
	void validate(FixRequest fix, Integer index, List<Violation> violations) {
		if (fix == null) {
			violations.add(new Violation(index, "", "must be a fix object", null));
			return;
		}
		id(fix.riderId(), "riderId", true, index, violations);
		if (fix.seq() == null) {
			violations.add(new Violation(index, "seq", REQUIRED, null));
		}
		else if (fix.seq() < 0) {
			violations.add(new Violation(index, "seq", "must be at least 0", fix.seq()));
		}
		id(fix.orderId(), "orderId", false, index, violations);
		range(fix.lat(), "lat", -90, 90, "must be between -90 and 90", index, violations);
		range(fix.lon(), "lon", -180, 180, "must be between -180 and 180", index, violations);
		range(fix.speedMps(), "speedMps", 0, 100, "must be between 0 and 100 (m/s)", index, violations);
		Double heading = fix.headingDeg();
		if (finite(heading, "headingDeg", index, violations) && (heading < 0 || heading >= 360)) {
			violations.add(new Violation(index, "headingDeg", "must be at least 0 and less than 360", heading));
		}
		Double accuracy = fix.accuracyM();
		if (finite(accuracy, "accuracyM", index, violations) && accuracy < 0) {
			violations.add(new Violation(index, "accuracyM", "must be at least 0", accuracy));
		}
		recordedAt(fix.recordedAt(), index, violations);
	}

	private void recordedAt(Instant recordedAt, Integer index, List<Violation> violations) {
		if (recordedAt == null) {
			violations.add(new Violation(index, "recordedAt", REQUIRED, null));
			return;
		}
		Instant now = this.clock.instant();
		if (recordedAt.isAfter(now.plus(this.maxClockSkew))) {
			violations.add(new Violation(index, "recordedAt", this.tooNew, recordedAt.toString()));
		}
		else if (recordedAt.isBefore(now.minus(this.maxAge))) {
			violations.add(new Violation(index, "recordedAt", this.tooOld, recordedAt.toString()));
		}
	}

	private static void id(String value, String field, boolean required, Integer index, List<Violation> violations) {
		if (value == null) {
			if (required) {
				violations.add(new Violation(index, field, REQUIRED, null));
			}
		}
		else if (!isId(value)) {
			violations.add(new Violation(index, field, "must match " + ID_PATTERN, value));
		}
	}

	/**
	 * {@link #ID_PATTERN} without a regex: this runs for every fix.
	 */
	static boolean isId(String value) {
		int length = value.length();
		if (length < 1 || length > 64) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static void range(Double value, String field, double min, double max, String rule, Integer index,
			List<Violation> violations) {
		if (finite(value, field, index, violations) && (value < min || value > max)) {
			violations.add(new Violation(index, field, rule, value));
		}
	}

	/**
	 * JSON has no NaN or Infinity, but Jackson reads the strings {@code "NaN"} and
	 * {@code "Infinity"} into a double, and an out-of-range literal such as {@code 1e999}
	 * becomes infinite; neither may reach a consumer doing geometry.
	 */
	private static boolean finite(Double value, String field, Integer index, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(index, field, REQUIRED, null));
			return false;
		}
		if (!Double.isFinite(value)) {
			violations.add(new Violation(index, field, FINITE, value.toString()));
			return false;
		}
		return true;
	}

	private static String human(Duration duration) {
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return duration.toHours() + " h";
		}
		if (duration.toMinutes() > 0 && duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
			return duration.toMinutes() + " min";
		}
		return duration.toSeconds() + " s";
	}

}
