package dev.ridertrack.events;

import java.time.Instant;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@link RiderLocation} field by field. Every service reads every fix, 20,000 or
 * more a second, and Jackson's general record path (collect the properties, then call the
 * canonical constructor through a method handle) was a third of a Kafka Streams thread's
 * time. This reads the same JSON into the same record, as strictly as Jackson 3 does by
 * default and no more: unknown fields are skipped, a number may come as a string, every
 * number field is required (Jackson 3 will not map a missing or {@code null} value to a
 * primitive), and anything that does not fit a field fails as Jackson would fail, so a
 * poison record still goes to its dead-letter topic. {@code EventJsonTests} holds it to
 * the general reader's answers.
 */
final class RiderLocationDeserializer extends ValueDeserializer<RiderLocation> {

	private final FastInstantDeserializer instants = new FastInstantDeserializer();

	@Override
	public RiderLocation deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.isExpectedStartObjectToken()) {
			return (RiderLocation) context.handleUnexpectedToken(RiderLocation.class, parser);
		}
		String riderId = null;
		long seq = 0;
		String orderId = null;
		double lat = 0;
		double lon = 0;
		double speedMps = 0;
		double headingDeg = 0;
		double accuracyM = 0;
		Instant recordedAt = null;
		int numbersSeen = 0;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case "riderId" -> riderId = text(parser, context, value);
				case "seq" -> {
					seq = whole(parser, context, value);
					numbersSeen |= 1;
				}
				case "orderId" -> orderId = text(parser, context, value);
				case "lat" -> {
					lat = number(parser, context, value);
					numbersSeen |= 2;
				}
				case "lon" -> {
					lon = number(parser, context, value);
					numbersSeen |= 4;
				}
				case "speedMps" -> {
					speedMps = number(parser, context, value);
					numbersSeen |= 8;
				}
				case "headingDeg" -> {
					headingDeg = number(parser, context, value);
					numbersSeen |= 16;
				}
				case "accuracyM" -> {
					accuracyM = number(parser, context, value);
					numbersSeen |= 32;
				}
				case "recordedAt" ->
					recordedAt = (value == JsonToken.VALUE_NULL) ? null : this.instants.deserialize(parser, context);
				default -> parser.skipChildren();
			}
		}
		if (!parser.hasToken(JsonToken.END_OBJECT)) {
			return (RiderLocation) context.handleUnexpectedToken(RiderLocation.class, parser);
		}
		if (numbersSeen != 63) {
			return context.reportInputMismatch(RiderLocation.class,
					"Cannot map `null` into type `double`: seq, lat, lon, speedMps, headingDeg and accuracyM are all required");
		}
		return new RiderLocation(riderId, seq, orderId, lat, lon, speedMps, headingDeg, accuracyM, recordedAt);
	}

	private static String text(JsonParser parser, DeserializationContext context, JsonToken value) {
		return switch (value) {
			case VALUE_STRING -> parser.getString();
			case VALUE_NULL -> null;
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getValueAsString();
			default -> (String) context.handleUnexpectedToken(String.class, parser);
		};
	}

	private static double number(JsonParser parser, DeserializationContext context, JsonToken value) {
		return switch (value) {
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_STRING -> (Double) context.readValue(parser, Double.class);
			default -> (Double) context.handleUnexpectedToken(double.class, parser);
		};
	}

	private static long whole(JsonParser parser, DeserializationContext context, JsonToken value) {
		return switch (value) {
			case VALUE_NUMBER_INT -> parser.getLongValue();
			case VALUE_NUMBER_FLOAT, VALUE_STRING -> (Long) context.readValue(parser, Long.class);
			default -> (Long) context.handleUnexpectedToken(long.class, parser);
		};
	}

}
