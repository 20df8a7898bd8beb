package dev.ridertrack.producer.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written fix reader gives the answers of Jackson's general record reader, as
 * Spring Boot configures it from {@code application.yml}: the same fix for every body the
 * general reader accepts, and the same {@code 400} (detail, field, rule, rejected value)
 * for every body it refuses.
 */
@SpringBootTest(classes = JacksonAutoConfiguration.class)
class FixRequestReaderTests {

	private static final String VALID = "\"riderId\":\"rider-000042\",\"seq\":17,\"orderId\":\"order-9\",\"lat\":19.0596,"
			+ "\"lon\":72.8295,\"speedMps\":6.5,\"headingDeg\":270.0,\"accuracyM\":4.0,"
			+ "\"recordedAt\":\"2026-11-22T10:15:30.123Z\"";

	/** Spring Boot's mapper from application.yml, without the module. */
	@Autowired
	JsonMapper general;

	static Stream<String> bodies() {
		return Stream.of("{" + VALID + "}",
				"{\"recordedAt\":\"2026-11-22T10:15:30Z\",\"accuracyM\":3,\"headingDeg\":0,\"speedMps\":0,\"lon\":72,"
						+ "\"lat\":19,\"riderId\":\"rider-1\",\"seq\":1}",
				"{" + VALID + ",\"extra\":{\"nested\":[1,2,{\"x\":3}]},\"more\":[]}",
				"{\"extra\":{\"nested\":[1,2,{\"x\":3}]}," + VALID + "}", "{}", "{\"riderId\":null,\"orderId\":null}",
				"{\"seq\":null,\"lat\":null,\"lon\":null,\"speedMps\":null,\"headingDeg\":null,\"accuracyM\":null,"
						+ "\"recordedAt\":null}",
				"{\"riderId\":42}", "{\"riderId\":4.5}", "{\"riderId\":true}", "{\"riderId\":[\"a\"]}",
				"{\"riderId\":{\"id\":1}}", "{\"orderId\":false}", "{\"seq\":\"7\"}", "{\"seq\":1.5}", "{\"seq\":1e3}",
				"{\"seq\":1.0}", "{\"seq\":-3}", "{\"seq\":99999999999999999999}", "{\"seq\":true}", "{\"seq\":[1]}",
				"{\"seq\":{}}", "{\"lat\":\"north\"}", "{\"lat\":\"52.5\"}", "{\"lat\":\"NaN\"}",
				"{\"lat\":\"Infinity\"}", "{\"lat\":\"-Infinity\"}", "{\"lat\":1e999}", "{\"lat\":-0.0}",
				"{\"lat\":true}", "{\"lat\":[19]}", "{\"lat\":{}}", "{\"lon\":12345678901234567890}", "{\"lat\":NaN}",
				"{\"lat\":01}", "{\"lat\":1.}", "{\"recordedAt\":\"yesterday\"}",
				"{\"recordedAt\":\"2026-11-22T15:45:30+05:30\"}", "{\"recordedAt\":\"2026-11-22T10:15:30.123456789Z\"}",
				"{\"recordedAt\":\"2026-13-22T10:15:30Z\"}", "{\"recordedAt\":1763806530}",
				"{\"recordedAt\":1763806530.5}", "{\"recordedAt\":true}", "{\"recordedAt\":[]}",
				"{\"recordedAt\":\"\"}", "{\"riderId\":\"a\",\"riderId\":\"b\"}", "{" + VALID + ",\"lat\":\"north\"}",
				"{" + VALID + ",\"seq\":3}", "{\"seq\":1,\"seq\":\"x\"}", "[]", "[{" + VALID + "}]", "null", "\"\"",
				"\"fix\"", "1", "1.5", "true", "", " ", "not json", "{\"riderId\":\"rider-000042\",",
				"{\"riderId\":\"rider-000042\",}", "{\"riderId\":\"rider-000042\"} trailing",
				"{\"riderId\":\"rider-000042\"}{}", "{\"riderId\" \"x\"}", "{riderId:\"x\"}", "{'riderId':'x'}",
				"{\"riderId\":\"x\"", "{\"extra\":[1,2", "{\"extra\":{\"a\":NaN}}",
				"{\"riderId\":\"caf\u00e9\",\"lat\":x}", "{\"lat\":1.5,\n  \"lon\": oops}",
				"{\"riderId\":\"rider-1\"}\n");
	}

	@ParameterizedTest
	@MethodSource("bodies")
	void readsOneFixAsTheGeneralReaderDoes(String body) {
		assertSameAnswer(body, this.general.constructType(FixRequest.class));
	}

	@ParameterizedTest
	@MethodSource("bodies")
	void readsABatchAsTheGeneralReaderDoes(String body) {
		JavaType batch = this.general.getTypeFactory().constructCollectionType(List.class, FixRequest.class);
		assertSameAnswer("[{" + VALID + "}," + body + "]", batch);
		assertSameAnswer("[" + body + "]", batch);
	}

	@Test
	void isTheReaderInUse() {
		assertThat(withReader()._deserializationContext()
			.findRootValueDeserializer(this.general.constructType(FixRequest.class)))
			.isInstanceOf(FixRequestReader.class);
		assertThat(this.general._deserializationContext()
			.findRootValueDeserializer(this.general.constructType(FixRequest.class)))
			.isNotInstanceOf(FixRequestReader.class);
	}

	@Test
	void readsAFix() {
		assertThat(withReader().readValue("{" + VALID + "}", FixRequest.class)).isEqualTo(new FixRequest("rider-000042",
				17L, "order-9", 19.0596, 72.8295, 6.5, 270.0, 4.0, Instant.parse("2026-11-22T10:15:30.123Z")));
	}

	private void assertSameAnswer(String body, JavaType type) {
		Answer expected = read(this.general, body, type);
		Answer actual = read(withReader(), body, type);
		assertThat(actual).as(body).isEqualTo(expected);
	}

	private JsonMapper withReader() {
		return this.general.rebuild().addModule(new FixRequestModule()).build();
	}

	/**
	 * What a client would get: the fix(es) read, or the problem body a failure turns
	 * into.
	 */
	private static Answer read(JsonMapper mapper, String body, JavaType type) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try {
			return new Answer(mapper.readerFor(type).readValue(bytes), null, null);
		}
		catch (JacksonException ex) {
			return new Answer(null, IngestProblems.unreadable(ex).getBody(), ex.getClass());
		}
	}

	record Answer(Object value, ProblemDetail problem, Class<?> failure) {

	}

}
