package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.kafka.GroupView.Status;
import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;
import dev.ridertrack.tracking.kafka.LagEvaluator.Observation;
import dev.ridertrack.tracking.kafka.LagEvaluator.Offsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagEvaluatorTests {

	private static final Instant T0 = Instant.parse("2026-12-05T18:00:00Z");

	private static final TopicPartitionRef P0 = new TopicPartitionRef("rider-locations", 0);

	private static final TopicPartitionRef P1 = new TopicPartitionRef("rider-locations", 1);

	private final LagEvaluator evaluator = new LagEvaluator(4);

	@Test
	void okWhenLagReachedZeroWithinTheWindow() {
		Status status = evaluate(window(new long[][] { { 0, 10 }, { 10, 20 }, { 20, 20 }, { 25, 30 } }), null, T0);
		assertThat(status.code()).isEqualTo(StatusCode.OK);
		assertThat(status.reason()).contains("reached zero");
	}

	@Test
	void okWhenLagIsSteadyWhileTheGroupCommits() {
		Status status = evaluate(window(new long[][] { { 0, 50 }, { 10, 60 }, { 20, 70 }, { 30, 75 } }), null, T0);
		assertThat(status.code()).isEqualTo(StatusCode.OK);
		assertThat(status.reason()).contains("steady or falling");
	}

	@Test
	void warnWhenLagGrowsWhileOffsetsMove() {
		Status status = evaluate(window(new long[][] { { 0, 10 }, { 5, 40 }, { 10, 80 }, { 15, 120 } }), null, T0);
		assertThat(status.code()).isEqualTo(StatusCode.WARN);
		assertThat(status.reason()).contains("lag grew").contains("rider-locations partition 0").contains("105");
	}

	@Test
	void okWhenABusyGroupsLagJittersUpAndDownEvenIfItEndsHigher() {
		// lag 50, 30, 60, 70: higher at the end, but it fell on the way, so not falling
		// behind
		Status status = evaluate(window(new long[][] { { 0, 50 }, { 10, 40 }, { 20, 80 }, { 30, 100 } }), null, T0);
		assertThat(status.code()).isEqualTo(StatusCode.OK);
	}

	@Test
	void stallWhenCommitsKeepComingButTheOffsetDoesNotMove() {
		Status status = evaluate(window(new long[][] { { 7, 10 }, { 7, 20 }, { 7, 30 }, { 7, 40 } }),
				T0.plusSeconds(14), T0.minusSeconds(60));
		assertThat(status.code()).isEqualTo(StatusCode.STALL);
		assertThat(status.reason()).contains("keeps committing").contains("at 7");
	}

	@Test
	void stopWhenNothingIsCommittedDuringTheWindow() {
		Status status = evaluate(window(new long[][] { { 7, 10 }, { 7, 20 }, { 7, 30 }, { 7, 40 } }),
				T0.minusSeconds(30), T0.minusSeconds(60));
		assertThat(status.code()).isEqualTo(StatusCode.STOP);
		assertThat(status.reason()).contains("no commit")
			.contains("33 records wait")
			.contains("the last commit was 45.0 s ago");
	}

	@Test
	void stopWhenTheOffsetDoesNotMoveAndCommitTimesAreUnknown() {
		Status status = evaluate(window(new long[][] { { 7, 10 }, { 7, 20 }, { 7, 30 }, { 7, 40 } }), null, null);
		assertThat(status.code()).isEqualTo(StatusCode.STOP);
		assertThat(status.reason()).contains("commit times unknown");
	}

	@Test
	void rewindWhenACommittedOffsetGoesBackwards() {
		Status status = evaluate(window(new long[][] { { 100, 120 }, { 110, 130 }, { 0, 130 }, { 5, 130 } }), null, T0);
		assertThat(status.code()).isEqualTo(StatusCode.REWIND);
		assertThat(status.reason()).contains("from 110 to 0");
	}

	@Test
	void unknownUntilTheWindowIsFullUnlessCaughtUp() {
		assertThat(evaluate(window(new long[][] { { 0, 10 }, { 5, 40 } }), null, T0).code())
			.isEqualTo(StatusCode.UNKNOWN);
		assertThat(evaluate(window(new long[][] { { 10, 10 }, { 40, 40 } }), null, T0).code()).isEqualTo(StatusCode.OK);
		assertThat(this.evaluator.evaluate(List.of(new Observation(T0, Map.of())), (p) -> null, T0).code())
			.isEqualTo(StatusCode.UNKNOWN);
	}

	@Test
	void theGroupTakesItsWorstPartition() {
		List<Observation> window = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			window.add(new Observation(T0.plusSeconds(5L * i),
					Map.of(P0, new Offsets(10L * i, 10L * i), P1, new Offsets(3, 10 + i))));
		}
		Status status = this.evaluator.evaluate(window, (p) -> null, T0.minusSeconds(60));
		assertThat(status.code()).isEqualTo(StatusCode.STOP);
		assertThat(status.reason()).contains("rider-locations partition 1");
	}

	private Status evaluate(List<Observation> window, Instant lastCommit, Instant knownSince) {
		return this.evaluator.evaluate(window, (p) -> lastCommit, knownSince);
	}

	/** Observations 5 s apart of partition 0: {committed, end} each. */
	private static List<Observation> window(long[][] offsets) {
		List<Observation> window = new ArrayList<>();
		for (int i = 0; i < offsets.length; i++) {
			window.add(new Observation(T0.plusSeconds(5L * i), Map.of(P0, new Offsets(offsets[i][0], offsets[i][1]))));
		}
		return window;
	}

}
