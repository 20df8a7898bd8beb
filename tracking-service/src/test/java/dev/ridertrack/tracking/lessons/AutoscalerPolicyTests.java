package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalerPolicyTests {

	private final Instant t0 = Instant.parse("2026-12-05T12:00:00Z");

	private final AutoscalerPolicy policy = new AutoscalerPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(20), 12,
			100, 1000);

	@Test
	void addsAnInstanceWhenLagGrowsThreeReadingsInARow() {
		assertThat(this.policy.decide(800, 2, this.t0).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(1500, 2, at(5)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(2600, 2, at(10)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		AutoscalerPolicy.Decision decision = this.policy.decide(4100, 2, at(15));
		assertThat(decision.action()).isEqualTo(AutoscalerPolicy.Action.ADD);
		assertThat(decision.reason()).contains("lag grew 3 readings in a row").contains("4,100").contains("2 → 3");
	}

	@Test
	void aSnapshotReadTwiceDoesNotInterruptTheGrowth() {
		this.policy.decide(1500, 2, this.t0);
		this.policy.decide(2600, 2, at(5));
		assertThat(this.policy.decide(2600, 2, at(10)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(3700, 2, at(15)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(4800, 2, at(20)).action()).isEqualTo(AutoscalerPolicy.Action.ADD);
	}

	@Test
	void doesNotAddWhenLagWobbles() {
		this.policy.decide(1500, 2, this.t0);
		this.policy.decide(2600, 2, at(5));
		this.policy.decide(2400, 2, at(10));
		assertThat(this.policy.decide(4100, 2, at(15)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
	}

	@Test
	void neverGoesPastThePartitionCount() {
		this.policy.decide(1500, 12, this.t0);
		this.policy.decide(2600, 12, at(5));
		this.policy.decide(3600, 12, at(10));
		assertThat(this.policy.decide(4100, 12, at(15)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
	}

	@Test
	void removesOneWhenLagStayedNearZeroForTheQuietTimeButNeverTheLast() {
		assertThat(this.policy.decide(40, 3, this.t0).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(10, 3, at(20)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		AutoscalerPolicy.Decision decision = this.policy.decide(0, 3, at(30));
		assertThat(decision.action()).isEqualTo(AutoscalerPolicy.Action.REMOVE);
		assertThat(decision.reason()).contains("for 30 s").contains("3 → 2");

		AutoscalerPolicy last = new AutoscalerPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(20), 12, 100, 1000);
		last.decide(0, 1, this.t0);
		assertThat(last.decide(0, 1, at(60)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
	}

	@Test
	void waitsForTheCooldownBetweenDecisions() {
		this.policy.decide(0, 4, this.t0);
		assertThat(this.policy.decide(0, 4, at(30)).action()).isEqualTo(AutoscalerPolicy.Action.REMOVE);
		assertThat(this.policy.decide(0, 3, at(45)).action()).isEqualTo(AutoscalerPolicy.Action.NONE);
		assertThat(this.policy.decide(0, 3, at(60)).action()).isEqualTo(AutoscalerPolicy.Action.REMOVE);
	}

	private Instant at(long seconds) {
		return this.t0.plusSeconds(seconds);
	}

}
