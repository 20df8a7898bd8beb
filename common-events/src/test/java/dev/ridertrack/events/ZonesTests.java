package dev.ridertrack.events;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ZonesTests {

	@Test
	void geohashMatchesPublishedExamples() {
		// The example of the geohash article and of geohash.org
		assertThat(Zones.geohash(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
		assertThat(Zones.geohash(42.6, -5.6, 5)).isEqualTo("ezs42");
	}

	@Test
	void zoneIdIsSixCharacterGeohash() {
		// geohash.org's own example: c216ne, Mount Hood
		assertThat(Zones.zoneId(45.37, -121.7)).isEqualTo("c216ne").hasSize(Zones.ZONE_PRECISION);
	}

	@Test
	void aZoneCellNamesTheZoneOfItsPoint() {
		assertThat(Zones.zoneId(Zones.zoneCell(45.37, -121.7))).isEqualTo("c216ne");
		Random random = new Random(14);
		for (int i = 0; i < 10_000; i++) {
			double lat = -90 + 180 * random.nextDouble();
			double lon = -180 + 360 * random.nextDouble();
			String zone = Zones.zoneId(lat, lon);
			assertThat(zone).as("%s, %s", lat, lon).isEqualTo(Zones.geohash(lat, lon, 12).substring(0, 6));
			assertThat(Zones.zoneCell(zone)).isEqualTo(Zones.zoneCell(lat, lon));
		}
		assertThat(Zones.zoneId(90, 180)).isEqualTo("zzzzzz");
		assertThat(Zones.zoneId(-90, -180)).isEqualTo("000000");
		assertThatIllegalArgumentException().isThrownBy(() -> Zones.zoneCell(0, 181));
		assertThatIllegalArgumentException().isThrownBy(() -> Zones.zoneCell("c216na"));
	}

	@Test
	void nearbyPointsShareAZoneAndDistantOnesDoNot() {
		assertThat(Zones.zoneId(18.92200, 72.83470)).isEqualTo(Zones.zoneId(18.92210, 72.83480));
		assertThat(Zones.zoneId(18.9220, 72.8347)).isNotEqualTo(Zones.zoneId(19.0544, 72.8406));
	}

	@Test
	void boundsContainThePointAndSpanAboutAKilometre() {
		String zone = Zones.zoneId(18.9220, 72.8347);
		double[] b = Zones.bounds(zone);
		assertThat(18.9220).isBetween(b[0], b[2]);
		assertThat(72.8347).isBetween(b[1], b[3]);
		double widthM = Geo.distanceMeters(b[0], b[1], b[0], b[3]);
		double heightM = Geo.distanceMeters(b[0], b[1], b[2], b[1]);
		assertThat(widthM).isCloseTo(1_150, within(100.0));
		assertThat(heightM).isCloseTo(610, within(20.0));
	}

	@Test
	void rejectsPointsOffTheEarth() {
		assertThatIllegalArgumentException().isThrownBy(() -> Zones.zoneId(91, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Zones.zoneId(0, Double.NaN));
	}

}
