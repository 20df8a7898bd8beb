package dev.ridertrack.tracking.state;

import dev.ridertrack.tracking.state.WrittenRiders.Marks;
import dev.ridertrack.tracking.state.WrittenRiders.Route;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WrittenRidersTests {

	/**
	 * Trusted for 2 min, last-seen every 30 s, a trail position every 10 s: the defaults.
	 */
	private final WrittenRiders riders = new WrittenRiders(120_000, 30_000, 10_000);

	private static final long NOW = 1_000_000_000L;

	@Test
	void sendsARiderItDoesNotKnowThroughTheScript() {
		assertThat(this.riders.route("rider-1", 1, NOW)).isEqualTo(Route.SCRIPT);
	}

	@Test
	void writesOnlyANewerFixOfAKnownRiderAndDropsTheOthers() {
		this.riders.verified("rider-1", 7, NOW, NOW, NOW);
		assertThat(this.riders.route("rider-1", 8, NOW)).isEqualTo(Route.PLAIN);
		assertThat(this.riders.route("rider-1", 7, NOW)).isEqualTo(Route.OLDER);
		assertThat(this.riders.route("rider-1", 3, NOW)).isEqualTo(Route.OLDER);
		this.riders.wrote("rider-1", 8, NOW + 5_000, new Marks(false, false));
		assertThat(this.riders.route("rider-1", 8, NOW + 5_000)).isEqualTo(Route.OLDER);
		assertThat(this.riders.route("rider-1", 9, NOW + 5_000)).isEqualTo(Route.PLAIN);
	}

	@Test
	void asksTheScriptAgainOnceWhatItAnsweredIsTwoMinutesOldOrTheClockWentBack() {
		this.riders.verified("rider-1", 7, NOW, NOW, NOW);
		// what the plain commands wrote does not renew the trust
		this.riders.wrote("rider-1", 8, NOW, new Marks(false, false));
		assertThat(this.riders.route("rider-1", 9, NOW + 119_999)).isEqualTo(Route.PLAIN);
		assertThat(this.riders.route("rider-1", 9, NOW + 120_000)).isEqualTo(Route.SCRIPT);
		assertThat(this.riders.route("rider-1", 9, NOW - 1)).isEqualTo(Route.SCRIPT);
	}

	@Test
	void forgetsEveryRiderWhenThePartitionsMoveAndOneWhoseWriteFailed() {
		this.riders.verified("rider-1", 7, NOW, NOW, NOW);
		this.riders.verified("rider-2", 7, NOW, NOW, NOW);
		this.riders.forget("rider-1");
		assertThat(this.riders.route("rider-1", 8, NOW)).isEqualTo(Route.SCRIPT);
		assertThat(this.riders.route("rider-2", 8, NOW)).isEqualTo(Route.PLAIN);
		this.riders.forget();
		assertThat(this.riders.route("rider-2", 8, NOW)).isEqualTo(Route.SCRIPT);
	}

	@Test
	void setsTheLastSeenMarkEveryThirtySecondsAndTheTrailEveryTenAsTheScriptDoes() {
		this.riders.verified("rider-1", 1, NOW, NOW, NOW);
		assertThat(this.riders.marks("rider-1", NOW + 5_000)).isEqualTo(new Marks(false, false));
		assertThat(this.riders.marks("rider-1", NOW + 10_000)).isEqualTo(new Marks(false, true));
		this.riders.wrote("rider-1", 2, NOW + 10_000, new Marks(false, true));
		assertThat(this.riders.marks("rider-1", NOW + 15_000)).isEqualTo(new Marks(false, false));
		assertThat(this.riders.marks("rider-1", NOW + 30_000)).isEqualTo(new Marks(true, true));
		this.riders.wrote("rider-1", 3, NOW + 30_000, new Marks(true, true));
		assertThat(this.riders.marks("rider-1", NOW + 35_000)).isEqualTo(new Marks(false, false));
	}

	@Test
	void startsTheTrailsSpacingAgainWhenThePhonesClockWentBack() {
		this.riders.verified("rider-1", 1, NOW, NOW, NOW);
		assertThat(this.riders.marks("rider-1", NOW - 30_000).trail()).isTrue();
	}

	@Test
	void setsBothMarksForARiderWhoseHashHadNone() {
		// the script answers 0 for a mark the hash does not hold
		this.riders.verified("rider-1", 1, 0, 0, NOW);
		assertThat(this.riders.marks("rider-1", NOW)).isEqualTo(new Marks(true, true));
	}

}
