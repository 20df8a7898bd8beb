package dev.ridertrack.events;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Timestamps read through {@link EventJson} mean exactly what {@link Instant#parse} and
 * Jackson's own reader make of them, in the fast form and every other.
 */
class FastInstantDeserializerTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-22T10:15:30Z", "2026-11-22T10:15:30.1Z", "2026-11-22T10:15:30.123Z",
			"2026-11-22T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
			"2024-02-29T12:00:00.000001Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z" })
	void readsWhatInstantParseReads(String text) {
		assertThat(read(text)).isEqualTo(Instant.parse(text));
		assertThat(FastInstantDeserializer.parse(text.toCharArray(), 0, text.length())).as("the fast path took it")
			.isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-22T15:45:30+05:30", "2026-11-22T10:15:30.123z", "+12026-11-22T10:15:30Z" })
	void otherFormsStillGoThroughJacksonsReader(String text) {
		assertThat(FastInstantDeserializer.parse(text.toCharArray(), 0, text.length())).isNull();
		assertThat(read(text)).isEqualTo(jackson("\"" + text + "\""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30T10:15:30Z", "2026-13-01T10:00:00Z", "2026-11-22T10:61:30Z", "yesterday",
			"2026-11-22 10:15:30Z" })
	void invalidTimesAreStillRejected(String text) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1763806530", "1763806530.123" })
	void numbersStillReadAsJacksonReadsThem(String json) {
		assertThat(EventJson.mapper().readValue(json, Instant.class)).isEqualTo(jackson(json));
	}

	private static Instant read(String text) {
		return EventJson.mapper().readValue("\"" + text + "\"", Instant.class);
	}

	private static Instant jackson(String json) {
		return JsonMapper.builder().build().readValue(json, Instant.class);
	}

}
