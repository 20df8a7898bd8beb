package dev.ridertrack.producer.phone;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The apps' units turned into {@code RiderLocation}'s, and the {@code seq} a phone does
 * not send.
 */
final class Units {

	/** One knot is one nautical mile (1,852 m) per hour. */
	static final double KNOTS_TO_MPS = 1852.0 / 3600.0;

	static final double KMH_TO_MPS = 1000.0 / 3600.0;

	private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private Units() {
	}

	/**
	 * A {@code seq} for an app that sends none: the fix time in epoch milliseconds. It
	 * rises with every new fix of the phone, and a fix the app sends again (after a lost
	 * answer) gets the same one, so consumers recognise it by rider id and seq as they
	 * recognise any resent fix.
	 */
	static Long seq(Instant recordedAt) {
		return (recordedAt != null) ? recordedAt.toEpochMilli() : null;
	}

	/**
	 * A speed or heading that the app marks unknown with a negative value (Traccar
	 * Client's location SDK sends -1) or leaves out, as zero: {@code RiderLocation}
	 * requires both.
	 */
	static double knownOrZero(Double value) {
		return (value == null || value < 0) ? 0.0 : value;
	}

	/**
	 * The OsmAnd protocol's {@code timestamp}, read as Traccar's OsmAnd decoder reads it:
	 * whole seconds since the epoch, or milliseconds when the number is too large for
	 * seconds ({@code >= 2^31-1}, what the OsmAnd app sends); an ISO 8601 date-time (UTC
	 * if it has no offset); or {@code yyyy-MM-dd HH:mm:ss} in UTC.
	 */
	static Instant timestamp(String field, String value) {
		String text = value.trim();
		try {
			if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
				long number = Long.parseLong(text);
				return (number < Integer.MAX_VALUE) ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
			}
			if (text.indexOf('T') > 0) {
				return iso(text);
			}
			return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException | NumberFormatException | ArithmeticException ex) {
			throw new BadValue(field,
					"must be seconds or milliseconds since the epoch, or an ISO 8601 date-time such as 2026-12-05T21:00:00Z",
					value);
		}
	}

	/** An ISO 8601 date-time with {@code Z}, an offset, or neither (then UTC). */
	static Instant iso(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
	}

}
