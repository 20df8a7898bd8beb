package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sentences the process-controlling lessons build from what the cluster showed before and
 * after: which partitions moved where, who sits idle, figures with thousands separators.
 */
final class StackControlNarration {

	private StackControlNarration() {
	}

	/**
	 * Partition numbers as ranges: {@code [0, 1, 2, 5, 7, 8]} → {@code "0–2, 5, 7–8"}.
	 * @param partitions the partitions, any order
	 * @return the ranges
	 */
	static String ranges(List<Integer> partitions) {
		List<String> parts = new ArrayList<>();
		Integer start = null;
		Integer previous = null;
		for (int p : new TreeSet<>(partitions)) {
			if (previous != null && p == previous + 1) {
				previous = p;
				continue;
			}
			if (start != null) {
				parts.add(range(start, previous));
			}
			start = p;
			previous = p;
		}
		if (start != null) {
			parts.add(range(start, previous));
		}
		return String.join(", ", parts);
	}

	private static String range(int start, int end) {
		return (start == end) ? Integer.toString(start) : start + "–" + end;
	}

	/**
	 * What moved between two assignments of one topic, e.g. "partitions 8–11 moved from
	 * db-writer-2 to db-writer-3".
	 * @param before member → partitions before
	 * @param after member → partitions after
	 * @return one phrase per (from, to) pair, empty when nothing moved
	 */
	static List<String> moves(Map<String, List<Integer>> before, Map<String, List<Integer>> after) {
		Map<Integer, String> ownerBefore = owners(before);
		Map<Integer, String> ownerAfter = owners(after);
		Map<String, List<Integer>> byMove = new LinkedHashMap<>();
		TreeSet<Integer> all = new TreeSet<>(ownerBefore.keySet());
		all.addAll(ownerAfter.keySet());
		for (int p : all) {
			String from = ownerBefore.getOrDefault(p, "nobody");
			String to = ownerAfter.getOrDefault(p, "nobody");
			if (!from.equals(to)) {
				byMove.computeIfAbsent(from + "\u0000" + to, (k) -> new ArrayList<>()).add(p);
			}
		}
		List<String> phrases = new ArrayList<>();
		byMove.forEach((key, partitions) -> {
			String[] fromTo = key.split("\u0000");
			phrases.add(((partitions.size() == 1) ? "partition " : "partitions ") + ranges(partitions) + " moved from "
					+ fromTo[0] + " to " + fromTo[1]);
		});
		return phrases;
	}

	/**
	 * Members that own no partition of the topic.
	 * @param owners member → partitions
	 * @return their names
	 */
	static List<String> idle(Map<String, List<Integer>> owners) {
		return owners.entrySet().stream().filter((e) -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
	}

	static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static Map<Integer, String> owners(Map<String, List<Integer>> assignment) {
		Map<Integer, String> owners = new TreeMap<>();
		assignment.forEach((member, partitions) -> partitions.forEach((p) -> owners.put(p, member)));
		return owners;
	}

}
