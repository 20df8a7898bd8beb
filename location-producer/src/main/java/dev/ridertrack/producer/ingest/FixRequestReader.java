package dev.ridertrack.producer.ingest;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Reads a {@link FixRequest} field by field. Jackson's general record path (buffer the
 * properties, then call the canonical constructor through a method handle) was the
 * largest part of reading a single-fix request. This reads a JSON object into the same
 * record with the same answers: a value of the expected JSON type is read directly;
 * anything else ({@code null}, a number as a string, a wrong type) goes to the same
 * Jackson deserializer the general path would use, and a failure names the field as the
 * general path names it, so every {@code 400} stays what it was. A body that is not a
 * JSON object goes to Jackson's own reader. {@link FixRequestModule} installs it;
 * {@code FixRequestReaderTests} holds it to the general reader's answers.
 */
final class FixRequestReader extends DelegatingDeserializer {

	/**
	 * Jackson's readers for the field types, looked up once: it builds a new
	 * {@code Instant} reader for every root lookup.
	 */
	private ValueDeserializer<Object> strings;

	private ValueDeserializer<Object> wholes;

	private ValueDeserializer<Object> numbers;

	private ValueDeserializer<Object> instants;

	FixRequestReader(ValueDeserializer<?> general) {
		super(general);
	}

	@Override
	public void resolve(DeserializationContext context) {
		super.resolve(context);
		this.strings = context.findRootValueDeserializer(context.constructType(String.class));
		this.wholes = context.findRootValueDeserializer(context.constructType(Long.class));
		this.numbers = context.findRootValueDeserializer(context.constructType(Double.class));
		this.instants = context.findRootValueDeserializer(context.constructType(Instant.class));
	}

	@Override
	protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> general) {
		FixRequestReader reader = new FixRequestReader(general);
		reader.strings = this.strings;
		reader.wholes = this.wholes;
		reader.numbers = this.numbers;
		reader.instants = this.instants;
		return reader;
	}

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.START_OBJECT)) {
			return this._delegatee.deserialize(parser, context);
		}
		String riderId = null;
		Long seq = null;
		String orderId = null;
		Double lat = null;
		Double lon = null;
		Double speedMps = null;
		Double headingDeg = null;
		Double accuracyM = null;
		Instant recordedAt = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			boolean unknown = false;
			try {
				switch (name) {
					case "riderId" -> riderId = (String) value(parser, context, token, this.strings);
					case "seq" -> seq = (Long) value(parser, context, token, this.wholes);
					case "orderId" -> orderId = (String) value(parser, context, token, this.strings);
					case "lat" -> lat = (Double) value(parser, context, token, this.numbers);
					case "lon" -> lon = (Double) value(parser, context, token, this.numbers);
					case "speedMps" -> speedMps = (Double) value(parser, context, token, this.numbers);
					case "headingDeg" -> headingDeg = (Double) value(parser, context, token, this.numbers);
					case "accuracyM" -> accuracyM = (Double) value(parser, context, token, this.numbers);
					case "recordedAt" -> recordedAt = (Instant) value(parser, context, token, this.instants);
					// as in Jackson's reader: skipped (or refused) without naming the
					// field
					default -> unknown = true;
				}
			}
			catch (JacksonException ex) {
				throw ex.prependPath(FixRequest.class, name);
			}
			if (unknown) {
				context.handleUnknownProperty(parser, this, FixRequest.class, name);
			}
		}
		if (!parser.hasToken(JsonToken.END_OBJECT)) {
			return context.handleUnexpectedToken(FixRequest.class, parser);
		}
		return new FixRequest(riderId, seq, orderId, lat, lon, speedMps, headingDeg, accuracyM, recordedAt);
	}

	/**
	 * A field's value: read directly when the token is the JSON type its reader expects
	 * (a string for {@code strings}, an integer for {@code wholes}, a decimal for
	 * {@code numbers}), {@code null} for JSON null, else whatever Jackson's own reader
	 * makes of it (a coercion, or the failure it reports).
	 */
	private Object value(JsonParser parser, DeserializationContext context, JsonToken token,
			ValueDeserializer<Object> general) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token == JsonToken.VALUE_STRING && general == this.strings) {
			return parser.getString();
		}
		if (token == JsonToken.VALUE_NUMBER_INT && general == this.wholes) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT && general == this.numbers) {
			return parser.getDoubleValue();
		}
		return general.deserialize(parser, context);
	}

}
