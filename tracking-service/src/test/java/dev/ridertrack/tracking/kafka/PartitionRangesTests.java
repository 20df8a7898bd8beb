package dev.ridertrack.tracking.kafka;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionRangesTests {

	@Test
	void compressesRunsOfThreeOrMoreIntoRanges() {
		assertThat(PartitionRanges.of(List.of(11, 6, 7, 8, 9, 10))).isEqualTo("6–11");
		assertThat(PartitionRanges.of(List.of(0, 1, 2, 5, 7, 8, 9))).isEqualTo("0–2, 5, 7–9");
	}

	@Test
	void listsScatteredPartitionsAndPairsOneByOne() {
		assertThat(PartitionRanges.of(List.of(6, 0, 3))).isEqualTo("0, 3, 6");
		assertThat(PartitionRanges.of(List.of(4, 5))).isEqualTo("4, 5");
	}

	@Test
	void saysPartitionOrPartitions() {
		assertThat(PartitionRanges.named(List.of(3))).isEqualTo("partition 3");
		assertThat(PartitionRanges.named(List.of(0, 1, 2))).isEqualTo("partitions 0–2");
	}

}
