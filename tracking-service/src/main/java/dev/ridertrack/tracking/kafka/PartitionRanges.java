package dev.ridertrack.tracking.kafka;

import java.util.Collection;
import java.util.List;

/**
 * Writes partition numbers the way people read them: {@code 0–2, 5, 7–11}.
 */
final class PartitionRanges {

	private PartitionRanges() {
	}

	static String of(Collection<Integer> partitions) {
		List<Integer> sorted = partitions.stream().distinct().sorted().toList();
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (i < sorted.size()) {
			int j = i;
			while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
				j++;
			}
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(sorted.get(i));
			if (j - i >= 2) {
				text.append('–').append(sorted.get(j));
			}
			else if (j == i + 1) {
				text.append(", ").append(sorted.get(j));
			}
			i = j + 1;
		}
		return text.toString();
	}

	/** "partition 3" or "partitions 0–5". */
	static String named(Collection<Integer> partitions) {
		return ((partitions.stream().distinct().count() == 1) ? "partition " : "partitions ") + of(partitions);
	}

}
