package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionsNarrationTests {

	@Test
	void namesEachPartitionThatMovedWithItsOldAndNewOwner() {
		Map<String, Set<Integer>> before = members("consumer-1", Set.of(0, 1), "consumer-2", Set.of(2, 3));
		Map<String, Set<Integer>> after = members("consumer-1", Set.of(0, 1), "consumer-2", Set.of(2));
		after.put("consumer-3", Set.of(3));
		List<String> lines = PartitionsNarration.change("lesson-group", "lesson-partitions", 4, before, after,
				Duration.ofMillis(1440));
		assertThat(lines).containsExactly(
				"lesson-group went from 2 to 3 members; the group settled 1.4 s after the change (every member had"
						+ " its partitions again).",
				"Partition 3 moved from consumer-2 to consumer-3.",
				"Now consumer-1 reads 0, 1; consumer-2 reads 2; consumer-3 reads 3.");
	}

	@Test
	void namesTheIdleConsumerAndSaysWhy() {
		Map<String, Set<Integer>> before = members("consumer-1", Set.of(0), "consumer-2", Set.of(1));
		before.put("consumer-3", Set.of(2));
		before.put("consumer-4", Set.of(3));
		Map<String, Set<Integer>> after = new LinkedHashMap<>(before);
		after.put("consumer-5", Set.of());
		List<String> lines = PartitionsNarration.change("lesson-group", "lesson-partitions", 4, before, after,
				Duration.ofMillis(900));
		assertThat(lines).contains("No partition changed owner.");
		assertThat(lines.get(lines.size() - 1)).startsWith("consumer-5 has no partition: 4 partitions, 5 consumers.");
	}

	@Test
	void groupsPartitionsThatMovedTogether() {
		Map<String, Set<Integer>> before = members("consumer-1", Set.of(0, 1, 2, 3), "x", Set.of());
		before.remove("x");
		Map<String, Set<Integer>> after = members("consumer-1", Set.of(0, 1), "consumer-2", Set.of(2, 3));
		assertThat(PartitionsNarration.moves(before, after))
			.isEqualTo("Partitions 2 and 3 moved from consumer-1 to consumer-2.");
		assertThat(PartitionsNarration.moves(Map.of(), before))
			.isEqualTo("Partitions 0, 1, 2 and 3 went to consumer-1.");
	}

	@Test
	void anEmptyGroupSaysNobodyReads() {
		List<String> lines = PartitionsNarration.change("lesson-group", "lesson-partitions", 4,
				members("consumer-1", Set.of(0, 1, 2, 3), "x", Set.of()), Map.of(), Duration.ZERO);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("lesson-group went from 2 to 0 members: nobody reads lesson-partitions");
	}

	private static Map<String, Set<Integer>> members(String a, Set<Integer> pa, String b, Set<Integer> pb) {
		Map<String, Set<Integer>> members = new LinkedHashMap<>();
		members.put(a, new java.util.TreeSet<>(pa));
		members.put(b, new java.util.TreeSet<>(pb));
		return members;
	}

}
