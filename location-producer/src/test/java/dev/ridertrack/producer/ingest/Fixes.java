package dev.ridertrack.producer.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Fixes as JSON bodies for the tests: a valid one, and the same with one field changed.
 */
final class Fixes {

	static final String SECRET = "test-token-secret-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Fixes() {
	}

	/**
	 * A valid fix as the fields a rider app sends.
	 */
	static Map<String, Object> valid(String riderId, long seq) {
		Map<String, Object> fix = new LinkedHashMap<>();
		fix.put("riderId", riderId);
		fix.put("seq", seq);
		fix.put("orderId", "order-9001");
		fix.put("lat", 52.520008);
		fix.put("lon", 13.404954);
		fix.put("speedMps", 6.5);
		fix.put("headingDeg", 270.0);
		fix.put("accuracyM", 4.0);
		fix.put("recordedAt", Instant.now().minusSeconds(1).toString());
		return fix;
	}

	/**
	 * The valid fix with one field replaced, or removed when {@code value} is the
	 * {@link #ABSENT} marker.
	 */
	static Map<String, Object> with(String riderId, long seq, String field, Object value) {
		Map<String, Object> fix = valid(riderId, seq);
		if (value == ABSENT) {
			fix.remove(field);
		}
		else {
			fix.put(field, value);
		}
		return fix;
	}

	/** Stands for a field left out of the JSON. */
	static final Object ABSENT = new Object() {

		@Override
		public String toString() {
			return "(absent)";
		}

	};

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	static String batch(List<Map<String, Object>> fixes) {
		return fixes.stream().map(Fixes::json).collect(Collectors.joining(",", "[", "]"));
	}

}
