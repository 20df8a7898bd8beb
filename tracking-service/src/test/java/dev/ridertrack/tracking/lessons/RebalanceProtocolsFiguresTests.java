package dev.ridertrack.tracking.lessons;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RebalanceProtocolsFiguresTests {

	@Test
	void measuresTheLongestGapTheMovedPartitionsAndWhatEachMemberGaveUp() {
		Map<Integer, String> before = Map.of(0, "a", 1, "a", 2, "b", 3, "b");
		Map<Integer, String> after = Map.of(0, "a", 1, "c", 2, "b", 3, "b");
		List<RebalanceProtocolsGroup.Event> events = List.of(
				new RebalanceProtocolsGroup.Event(110, "a", false, Set.of(1)),
				new RebalanceProtocolsGroup.Event(150, "c", true, Set.of(1)));

		RebalanceProtocolsFigures figures = RebalanceProtocolsFigures.measure("g", "consumer", "uniform", before, after,
				events, List.of(90L, 100L, 120L, 130L, 400L, 410L),
				Map.of(0, List.of(90L, 120L), 1, List.of(100L, 300L, 310L), 2, List.of(100L, 400L)), 100, 420);

		assertThat(figures.pausedMs()).isEqualTo(270);
		assertThat(figures.movedGapMs()).isEqualTo(200);
		assertThat(figures.partitionGapMs()).isEqualTo(300);
		assertThat(figures.settleMs()).isEqualTo(320);
		assertThat(figures.moved()).containsExactly(Map.entry(1, "a → c"));
		assertThat(figures.revokedFromOriginalMembers()).containsExactly(1);
		assertThat(figures.narrate().get(1)).contains("partition 1 a → c").contains("a gave up [1] of [0, 1]");
	}

	@Test
	void aSingleReceiptHasNoGap() {
		assertThat(RebalanceProtocolsFigures.longestGap(List.of(5L))).isZero();
	}

}
