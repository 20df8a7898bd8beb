package dev.ridertrack.loadgen.run;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a tick of the time wheel is for a load: each tick wakes a thread, so a few
 * riders per tick cost more in wake-ups than in stepping.
 */
class TimeWheelTests {

	@Test
	void theLocalStacksDefaultLoadTicksEvery50MillisecondsWith10RidersAWorker() {
		assertThat(TimeWheel.tickMillis(Duration.ofSeconds(5), 2_000, 2)).isEqualTo(50);
	}

	@Test
	void highRatesKeepTheShortestTickSoFixesStaySpreadOut() {
		assertThat(TimeWheel.tickMillis(Duration.ofSeconds(5), 100_000, 2)).isEqualTo(10);
		assertThat(TimeWheel.tickMillis(Duration.ofSeconds(1), 100_000, 4)).isEqualTo(10);
	}

	@Test
	void aFewRidersTickAtMostEvery100MillisecondsAndNeverSlowerThanASpikeNeeds() {
		assertThat(TimeWheel.tickMillis(Duration.ofSeconds(5), 10, 2)).isEqualTo(100);
		// a spike of 20 steps 20 slots a tick: a 1 s interval needs 20 distinct slots
		assertThat(TimeWheel.tickMillis(Duration.ofSeconds(1), 10, 2)).isEqualTo(50);
		assertThat(TimeWheel.tickMillis(Duration.ofMillis(100), 10, 2)).isEqualTo(10);
	}

}
