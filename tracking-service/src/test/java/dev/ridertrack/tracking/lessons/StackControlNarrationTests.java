package dev.ridertrack.tracking.lessons;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackControlNarrationTests {

	@Test
	void writesPartitionNumbersAsRanges() {
		assertThat(StackControlNarration.ranges(List.of(8, 0, 1, 2, 5, 9, 11, 10))).isEqualTo("0–2, 5, 8–11");
		assertThat(StackControlNarration.ranges(List.of(3))).isEqualTo("3");
		assertThat(StackControlNarration.ranges(List.of())).isEmpty();
	}

	@Test
	void namesThePartitionsThatMovedToTheNewMember() {
		Map<String, List<Integer>> before = Map.of("db-writer", List.of(0, 1, 2, 3, 4, 5), "db-writer-2",
				List.of(6, 7, 8, 9, 10, 11));
		Map<String, List<Integer>> after = Map.of("db-writer", List.of(0, 1, 2, 3), "db-writer-2", List.of(6, 7, 8, 9),
				"db-writer-3", List.of(4, 5, 10, 11));

		assertThat(StackControlNarration.moves(before, after)).containsExactly(
				"partitions 4–5 moved from db-writer to db-writer-3",
				"partitions 10–11 moved from db-writer-2 to db-writer-3");
	}

	@Test
	void saysNothingMovedWhenTheAssignmentIsTheSame() {
		Map<String, List<Integer>> same = Map.of("a", List.of(0, 1), "b", List.of(2));
		assertThat(StackControlNarration.moves(same, same)).isEmpty();
	}

	@Test
	void namesTheIdleMemberPastThePartitionCount() {
		assertThat(StackControlNarration.idle(Map.of("db-writer-13", List.of(), "db-writer", List.of(0))))
			.containsExactly("db-writer-13");
	}

}
