package dev.ridertrack.eta.estimate;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EtaAccuracyTests {

	@Test
	void modelBeatsStraightLineBaselineOnSimulatedCity() throws Exception {
		EtaAccuracy.Run run = EtaAccuracy.run(7, 20, Duration.ofMinutes(30), EtaProperties.defaults());

		assertThat(run.deliveries()).isGreaterThan(10);
		for (EtaAccuracy.Scores scores : run.scores()) {
			assertThat(scores.model()).hasSizeGreaterThan(10);
			assertThat(scores.modelMean()).as("mean error %d min before delivery", scores.horizon().toMinutes())
				.isLessThan(scores.baselineMean());
		}
		// Published on change or every 10 s, not on every fix (one every 2 s).
		assertThat(run.updates()).isLessThan(run.fixesOnOrder() / 3);
	}

}
