package dev.ridertrack.producer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class FixValidatorTests {

	private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

	private final FixValidator validator = new FixValidator(new IngestProperties(500, DataSize.ofKilobytes(256),
			Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(5), 1024, Duration.ofSeconds(1)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	static FixRequest fix() {
		return new FixRequest("rider-000042", 7L, "order-9001", 52.52, 13.40, 6.5, 270.0, 4.0, NOW.minusSeconds(2));
	}

	@Test
	void acceptsAValidFix() {
		assertThat(violations(fix(), null)).isEmpty();
	}

	@Test
	void acceptsEdgesOfEveryRange() {
		assertThat(violations(new FixRequest("a", 0L, null, -90.0, -180.0, 0.0, 0.0, 0.0, NOW.plusSeconds(30)), null))
			.isEmpty();
		assertThat(violations(new FixRequest("A_b-9".repeat(12) + "abcd", Long.MAX_VALUE, "order-1", 90.0, 180.0, 100.0,
				359.999, 1e6, NOW.minus(Duration.ofHours(24))), null))
			.isEmpty();
	}

	static Stream<Arguments> brokenFixes() {
		FixRequest f = fix();
		return Stream.of(
				Arguments.of(new FixRequest(null, 7L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "riderId", "is required"),
				Arguments.of(new FixRequest("", 7L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "riderId", "must match"),
				Arguments.of(new FixRequest("rider 42", 7L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "riderId",
						"must match"),
				Arguments.of(new FixRequest("r".repeat(65), 7L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "riderId",
						"must match"),
				Arguments.of(new FixRequest(f.riderId(), null, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "seq",
						"is required"),
				Arguments.of(new FixRequest(f.riderId(), -1L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "seq",
						"must be at least 0"),
				Arguments.of(new FixRequest(f.riderId(), 1L, "order/1", 52.0, 13.0, 1.0, 1.0, 1.0, NOW), "orderId",
						"must match"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, null, 13.0, 1.0, 1.0, 1.0, NOW), "lat",
						"is required"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 90.01, 13.0, 1.0, 1.0, 1.0, NOW), "lat",
						"must be between -90 and 90"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, -90.01, 13.0, 1.0, 1.0, 1.0, NOW), "lat",
						"must be between -90 and 90"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, Double.NaN, 13.0, 1.0, 1.0, 1.0, NOW), "lat",
						"must be a finite number"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 180.5, 1.0, 1.0, 1.0, NOW), "lon",
						"must be between -180 and 180"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, Double.POSITIVE_INFINITY, 1.0, 1.0, 1.0, NOW),
						"lon", "must be a finite number"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, -0.1, 1.0, 1.0, NOW), "speedMps",
						"must be between 0 and 100"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 100.1, 1.0, 1.0, NOW), "speedMps",
						"must be between 0 and 100"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, 360.0, 1.0, NOW), "headingDeg",
						"less than 360"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, -1.0, 1.0, NOW), "headingDeg",
						"at least 0"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, 1.0, -0.5, NOW), "accuracyM",
						"must be at least 0"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, 1.0, 1.0, null), "recordedAt",
						"is required"),
				Arguments.of(new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, 1.0, 1.0, NOW.plusSeconds(31)),
						"recordedAt", "must not be more than 30 s in the future"),
				Arguments.of(
						new FixRequest(f.riderId(), 1L, null, 52.0, 13.0, 1.0, 1.0, 1.0,
								NOW.minus(Duration.ofHours(24)).minusSeconds(1)),
						"recordedAt", "must not be older than 24 h"));
	}

	@ParameterizedTest(name = "{1}: {2}")
	@MethodSource("brokenFixes")
	void namesTheFieldAndTheRuleItBreaks(FixRequest fix, String field, String rule) {
		List<Violation> violations = violations(fix, null);
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo(field);
			assertThat(violation.rule()).contains(rule);
			assertThat(violation.index()).isNull();
		});
	}

	@Test
	void reportsEveryBrokenRuleWithTheIndexInABatch() {
		FixRequest bad = new FixRequest("rider-000042", -1L, null, 123.4, 13.0, 1.0, 1.0, 1.0, NOW);
		assertThat(violations(bad, 3)).extracting(Violation::index, Violation::field, Violation::rejected)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "seq", -1L),
					org.assertj.core.groups.Tuple.tuple(3, "lat", 123.4));
	}

	@Test
	void rejectsANullElementOfABatch() {
		assertThat(violations(null, 0)).singleElement().satisfies((v) -> assertThat(v.rule()).contains("fix object"));
	}

	private List<Violation> violations(FixRequest fix, Integer index) {
		List<Violation> violations = new ArrayList<>();
		this.validator.validate(fix, index, violations);
		return violations;
	}

}
