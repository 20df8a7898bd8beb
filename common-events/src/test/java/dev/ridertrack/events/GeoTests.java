package dev.ridertrack.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoTests {

	@Test
	void distanceLondonToParisIsAbout343Km() {
		double meters = Geo.distanceMeters(51.5074, -0.1278, 48.8566, 2.3522);
		assertThat(meters).isCloseTo(343_560, within(1_000.0));
	}

	@Test
	void oneDegreeOfLatitudeIsAbout111Km() {
		assertThat(Geo.distanceMeters(19.0, 72.8, 20.0, 72.8)).isCloseTo(111_195, within(50.0));
	}

	@Test
	void distanceAcrossMumbaiIsRight() {
		// Chhatrapati Shivaji Terminus to Bandra station: about 14.1 km as the crow flies
		double meters = Geo.distanceMeters(18.9398, 72.8355, 19.0544, 72.8406);
		assertThat(meters).isCloseTo(12_750, within(200.0));
	}

	@Test
	void distanceIsZeroToItselfAndSymmetric() {
		assertThat(Geo.distanceMeters(19.07, 72.87, 19.07, 72.87)).isZero();
		assertThat(Geo.distanceMeters(19.0, 72.8, 19.1, 72.9)).isCloseTo(Geo.distanceMeters(19.1, 72.9, 19.0, 72.8),
				within(1e-6));
	}

	@Test
	void bearingPointsTheRightWay() {
		assertThat(Geo.bearingDegrees(19.0, 72.8, 19.1, 72.8)).isCloseTo(0, within(0.01));
		assertThat(Geo.bearingDegrees(19.0, 72.8, 19.0, 72.9)).isCloseTo(90, within(0.1));
		assertThat(Geo.bearingDegrees(19.1, 72.8, 19.0, 72.8)).isCloseTo(180, within(0.01));
		assertThat(Geo.bearingDegrees(19.0, 72.9, 19.0, 72.8)).isCloseTo(270, within(0.1));
	}

}
