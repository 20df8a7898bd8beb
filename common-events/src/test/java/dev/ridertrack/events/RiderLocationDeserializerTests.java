package dev.ridertrack.events;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The hand-written fix reader gives the answers Jackson's general record reader gives,
 * values and failures alike.
 */
class RiderLocationDeserializerTests {

	/** The same settings as {@link EventJson}, without the hot-path module. */
	static final JsonMapper GENERAL = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"riderId\":\"rider-000042\",\"seq\":17,\"orderId\":\"order-9\",\"lat\":19.0596,\"lon\":72.8295,\"speedMps\":6.5,\"headingDeg\":270.0,\"accuracyM\":4.0,\"recordedAt\":\"2026-11-22T10:15:30.123Z\"}",
			"{\"recordedAt\":\"2026-11-22T10:15:30Z\",\"accuracyM\":3,\"headingDeg\":0,\"speedMps\":0,\"lon\":72,\"lat\":19,\"riderId\":\"rider-1\",\"seq\":1}",
			"{\"riderId\":\"rider-1\",\"orderId\":null,\"recordedAt\":null,\"seq\":1,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}",
			"{\"riderId\":\"rider-1\",\"extra\":{\"nested\":[1,2,{\"x\":3}]},\"more\":[],\"seq\":1,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}",
			"{\"seq\":\"7\",\"lat\":\"19.5\",\"lon\":-0.5,\"speedMps\":\"NaN\",\"headingDeg\":1e2,\"accuracyM\":0}",
			"{\"riderId\":42,\"orderId\":true,\"seq\":5.9,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}",
			"{\"riderId\":\"rider-1\",\"recordedAt\":\"2026-11-22T15:45:30+05:30\",\"seq\":1,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}",
			"{\"riderId\":\"rider-1\",\"recordedAt\":1763806530.5,\"seq\":1,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}" })
	void readsWhatTheGeneralReaderReads(String json) {
		assertThat(EventJson.mapper().readValue(json, RiderLocation.class))
			.isEqualTo(GENERAL.readValue(json, RiderLocation.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"riderId\":\"rider-1\",\"lat\":\"north\"}", "{\"riderId\":\"rider-1\",\"lat\":[19]}",
			"{\"riderId\":{\"id\":1}}", "{\"riderId\":\"rider-1\",\"seq\":\"first\"}",
			"{\"riderId\":\"rider-1\",\"recordedAt\":\"yesterday\",\"seq\":1,\"lat\":19.1,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}",
			"[1,2]", "\"rider-1\"", "{\"riderId\":", "{not json", "{}",
			"{\"riderId\":\"rider-1\",\"seq\":1,\"lat\":19.1,\"lon\":72.8}",
			"{\"riderId\":\"rider-1\",\"seq\":1,\"lat\":null,\"lon\":72.8,\"speedMps\":5,\"headingDeg\":90,\"accuracyM\":3}" })
	void failsWhereTheGeneralReaderFails(String json) {
		assertThat(catchThrowable(() -> GENERAL.readValue(json, RiderLocation.class)))
			.isInstanceOf(JacksonException.class);
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> EventJson.mapper().readValue(json, RiderLocation.class));
	}

	@Test
	void eventJsonReadsFixesWithTheHandWrittenReader() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> EventJson.mapper().readValue("{\"riderId\":\"rider-1\"}", RiderLocation.class))
			.withMessageContaining("seq, lat, lon, speedMps, headingDeg and accuracyM are all required");
	}

	@Test
	void readsWhatEventJsonWrites() {
		RiderLocation fix = new RiderLocation("rider-000042", 17, null, 19.0596, 72.8295, 6.5, 359.9, 4.0,
				Instant.parse("2026-11-22T10:15:30.123456Z"));
		byte[] wire = EventJson.serializer().serialize("rider-locations", fix);
		assertThat(EventJson.deserializer(RiderLocation.class).deserialize("rider-locations", wire)).isEqualTo(fix);
	}

}
