package dev.ridertrack.producer.phone;

import java.time.Instant;
import java.util.Map;

import dev.ridertrack.producer.ingest.FixGateway.Fix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class UnitsTests {

	private static final Instant NOW = Instant.parse("2026-12-05T21:00:00Z");

	@Test
	void readsTheOsmAndTimestampAsTraccarsDecoderDoes() {
		assertThat(Units.timestamp("timestamp", "1764968400")).isEqualTo(Instant.ofEpochSecond(1764968400L));
		// the OsmAnd app sends milliseconds
		assertThat(Units.timestamp("timestamp", "1764968400123")).isEqualTo(Instant.ofEpochMilli(1764968400123L));
		assertThat(Units.timestamp("timestamp", "2026-12-05T21:00:00.000Z")).isEqualTo(NOW);
		assertThat(Units.timestamp("timestamp", "2026-12-05T22:00:00+01:00")).isEqualTo(NOW);
		assertThat(Units.timestamp("timestamp", "2026-12-05T21:00:00")).isEqualTo(NOW);
		assertThat(Units.timestamp("timestamp", "2026-12-05 21:00:00")).isEqualTo(NOW);
	}

	@Test
	void rejectsATimestampInNoKnownFormNamingTheField() {
		assertThatExceptionOfType(BadValue.class).isThrownBy(() -> Units.timestamp("timestamp", "yesterday"))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo("timestamp");
				assertThat(ex.rejected()).isEqualTo("yesterday");
			});
	}

	@Test
	void turnsOsmAndSpeedInKnotsIntoMetresPerSecond() {
		Fix fix = OsmAndParameters.fix(Map.of("id", "phone-a", "lat", "1", "lon", "2", "speed", "10"), NOW);
		assertThat(fix.speedMps()).isCloseTo(5.1444, within(1e-4));
		assertThat(fix.recordedAt()).isEqualTo(NOW);
		assertThat(fix.seq()).isEqualTo(NOW.toEpochMilli());
	}

	@Test
	void takesSpeedMpsAsIsAndHdopAsTheAccuracyForTheOsmAndApp() {
		Fix fix = OsmAndParameters.fix(
				Map.of("id", "phone-a", "lat", "1", "lon", "2", "speedMps", "3.5", "hdop", "12", "heading", "45"), NOW);
		assertThat(fix.speedMps()).isEqualTo(3.5);
		assertThat(fix.accuracyM()).isEqualTo(12.0);
		assertThat(fix.headingDeg()).isEqualTo(45.0);
	}

	@Test
	void readsTheLocationParameterAndDeviceid() {
		Fix fix = OsmAndParameters.fix(Map.of("deviceid", "phone-b", "location", "52.5,13.4"), NOW);
		assertThat(fix.riderId()).isEqualTo("phone-b");
		assertThat(fix.lat()).isEqualTo(52.5);
		assertThat(fix.lon()).isEqualTo(13.4);
		assertThat(fix.speedMps()).isZero();
		assertThat(fix.accuracyM()).isZero();
	}

	@Test
	void sendsNothingWhenThePhoneSaysItsLocationIsNotValid() {
		assertThat(OsmAndParameters.fix(Map.of("id", "phone-a", "lat", "0", "lon", "0", "valid", "false"), NOW))
			.isNull();
		assertThat(OsmAndParameters.fix(Map.of("id", "phone-a", "lat", "0", "lon", "0", "valid", "0"), NOW)).isNull();
	}

	@Test
	void turnsOwnTracksKilometresPerHourIntoMetresPerSecond() {
		Fix fix = new OwnTracksMessage("location", 48.85833, 2.29513, 1497476456L, 5.0, 12.0, 90.0).fix("phone-c");
		assertThat(fix.speedMps()).isCloseTo(3.3333, within(1e-4));
		assertThat(fix.recordedAt()).isEqualTo(Instant.ofEpochSecond(1497476456L));
		assertThat(fix.seq()).isEqualTo(1497476456000L);
	}

	@Test
	void readsTraccarsMinusOneAsAnUnknownSpeedAndHeading() {
		TraccarJson body = new TraccarJson(new TraccarJson.Location("2026-12-05T21:00:00.000Z",
				new TraccarJson.Coords(52.5, 13.4, 8.0, -1.0, -1.0)), "phone-d");
		Fix fix = body.fix(null);
		assertThat(fix.speedMps()).isZero();
		assertThat(fix.headingDeg()).isZero();
		assertThat(fix.accuracyM()).isEqualTo(8.0);
	}

	@Test
	void makesPhoneRiderIdsFromTypedNames() {
		assertThat(PhoneSetup.riderId("Alice's phone")).isEqualTo("phone-Alicesphone");
		assertThat(PhoneSetup.riderId("phone-bob")).isEqualTo("phone-bob");
		assertThat(PhoneSetup.riderId("x".repeat(100))).hasSize(64);
	}

}
