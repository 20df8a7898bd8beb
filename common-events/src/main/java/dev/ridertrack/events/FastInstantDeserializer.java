package dev.ridertrack.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the one timestamp form RiderTrack writes, {@code 2026-11-22T10:15:30.123Z},
 * without a {@code DateTimeFormatter}. Every fix carries one and every consumer reads it:
 * the formatter's general parser was a tenth of a Kafka Streams thread's time. Anything
 * else (an offset, a number, a leap second, a malformed value) goes to Jackson's own
 * {@link InstantDeserializer}, which accepts or rejects it exactly as before.
 */
final class FastInstantDeserializer extends ValueDeserializer<Instant> {

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			Instant instant = parse(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
			if (instant != null) {
				return instant;
			}
		}
		return InstantDeserializer.INSTANT.deserialize(parser, context);
	}

	/**
	 * Parse {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (1 to 9 fraction digits).
	 * @param text the characters
	 * @param offset where the value starts
	 * @param length its length
	 * @return the instant, or {@code null} if the text has another form
	 */
	static Instant parse(char[] text, int offset, int length) {
		if (length < 20 || length > 30 || text[offset + length - 1] != 'Z' || text[offset + 4] != '-'
				|| text[offset + 7] != '-' || text[offset + 10] != 'T' || text[offset + 13] != ':'
				|| text[offset + 16] != ':') {
			return null;
		}
		int year = digits(text, offset, 4);
		int month = digits(text, offset + 5, 2);
		int day = digits(text, offset + 8, 2);
		int hour = digits(text, offset + 11, 2);
		int minute = digits(text, offset + 14, 2);
		int second = digits(text, offset + 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int nanos = 0;
		int fractionDigits = length - 21;
		if (length > 20) {
			if (text[offset + 19] != '.' || fractionDigits < 1 || fractionDigits > 9) {
				return null;
			}
			int fraction = digits(text, offset + 20, fractionDigits);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction;
			for (int i = fractionDigits; i < 9; i++) {
				nanos *= 10;
			}
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
	}

	private static int digits(char[] text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			int digit = text[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
