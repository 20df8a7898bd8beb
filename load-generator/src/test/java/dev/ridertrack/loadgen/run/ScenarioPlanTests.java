package dev.ridertrack.loadgen.run;

import java.time.Duration;

import dev.ridertrack.loadgen.LoadGeneratorProperties.ScenarioType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioPlanTests {

	@Test
	void steadyRunsAllRidersAtTheNormalRateFromTheStart() {
		ScenarioPlan plan = plan(ScenarioType.STEADY);
		assertThat(plan.activeRiders(0)).isEqualTo(1000);
		assertThat(plan.rateFactor(45_000)).isEqualTo(1);
	}

	@Test
	void rampAddsRidersLinearlyUntilAllRide() {
		ScenarioPlan plan = plan(ScenarioType.RAMP);
		assertThat(plan.activeRiders(0)).isZero();
		assertThat(plan.activeRiders(15_000)).isEqualTo(250);
		assertThat(plan.activeRiders(30_000)).isEqualTo(500);
		assertThat(plan.activeRiders(60_000)).isEqualTo(1000);
		assertThat(plan.activeRiders(600_000)).isEqualTo(1000);
	}

	@Test
	void spikeMultipliesTheRateForItsWindowOnly() {
		ScenarioPlan plan = plan(ScenarioType.SPIKE);
		assertThat(plan.rateFactor(29_999)).isEqualTo(1);
		assertThat(plan.rateFactor(30_000)).isEqualTo(4);
		assertThat(plan.rateFactor(89_999)).isEqualTo(4);
		assertThat(plan.rateFactor(90_000)).isEqualTo(1);
		assertThat(plan.activeRiders(60_000)).isEqualTo(1000);
	}

	@Test
	void rejectsAnAbsurdSpikeFactor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScenarioPlan(ScenarioType.SPIKE, 10, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO));
	}

	private static ScenarioPlan plan(ScenarioType type) {
		return new ScenarioPlan(type, 1000, Duration.ofSeconds(60), 4, Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

}
