package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The sentences that tell what a change of a group's membership did, from the assignment
 * the members held before and after it.
 */
final class PartitionsNarration {

	private PartitionsNarration() {
	}

	/**
	 * What one membership change did.
	 * @param group the group
	 * @param topic the topic
	 * @param partitions the topic's partition count
	 * @param before each member's partitions before, in member order
	 * @param after each member's partitions after, in member order
	 * @param settle from the change to the last member's assignment, or {@code null} if
	 * the group did not settle
	 * @return a few sentences
	 */
	static List<String> change(String group, String topic, int partitions, Map<String, Set<Integer>> before,
			Map<String, Set<Integer>> after, Duration settle) {
		List<String> lines = new ArrayList<>();
		String members = group + " went from " + before.size() + " to " + after.size() + " member"
				+ ((after.size() == 1) ? "" : "s");
		if (after.isEmpty()) {
			lines.add(members + ": nobody reads " + topic
					+ " now; its records wait on the topic and the group's committed offsets remember where it stopped.");
			return lines;
		}
		if (settle == null) {
			lines.add(members + ", but the group had not settled after 30 s: the assignment below is what the members"
					+ " held when we stopped waiting.");
		}
		else {
			lines.add(members + "; the group settled " + seconds(settle)
					+ " after the change (every member had its partitions again).");
		}
		lines.add(moves(before, after));
		lines.add("Now " + summary(after) + ".");
		idle(partitions, after).ifPresent(lines::add);
		return lines;
	}

	/**
	 * Which partitions changed owner, grouped by from and to.
	 * @param before each member's partitions before
	 * @param after each member's partitions after
	 * @return one sentence
	 */
	static String moves(Map<String, Set<Integer>> before, Map<String, Set<Integer>> after) {
		Map<Integer, String> oldOwner = owners(before);
		Map<Integer, String> newOwner = owners(after);
		Map<String, Set<Integer>> moved = new LinkedHashMap<>();
		for (Map.Entry<Integer, String> entry : newOwner.entrySet()) {
			String from = oldOwner.get(entry.getKey());
			if (!entry.getValue().equals(from)) {
				String key = (from != null) ? from + "\u0000" + entry.getValue() : "\u0000" + entry.getValue();
				moved.computeIfAbsent(key, (k) -> new TreeSet<>()).add(entry.getKey());
			}
		}
		if (moved.isEmpty()) {
			return "No partition changed owner.";
		}
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, Set<Integer>> entry : moved.entrySet()) {
			String[] fromTo = entry.getKey().split("\u0000", -1);
			String what = partitionWords(entry.getValue());
			parts.add(fromTo[0].isEmpty() ? what + " went to " + fromTo[1]
					: what + " moved from " + fromTo[0] + " to " + fromTo[1]);
		}
		String sentence = String.join("; ", parts);
		return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
	}

	/**
	 * Names the members with no partition and says why, if any.
	 * @param partitions the topic's partition count
	 * @param after each member's partitions
	 * @return the sentence, or empty
	 */
	static Optional<String> idle(int partitions, Map<String, Set<Integer>> after) {
		List<String> idle = after.entrySet()
			.stream()
			.filter((e) -> e.getValue().isEmpty())
			.map(Map.Entry::getKey)
			.toList();
		if (idle.isEmpty()) {
			return Optional.empty();
		}
		String who = String.join(" and ", idle);
		return Optional.of(who + ((idle.size() == 1) ? " has" : " have") + " no partition: " + partitions
				+ " partitions, " + after.size() + " consumers. Inside a group each partition is read by one member"
				+ " only, so a consumer beyond the partition count sits idle, a standby that takes over when another"
				+ " member leaves.");
	}

	/**
	 * Who reads what, e.g. {@code consumer-1 reads 0, 1; consumer-2 reads 2, 3}.
	 * @param assignment each member's partitions
	 * @return the summary
	 */
	static String summary(Map<String, Set<Integer>> assignment) {
		return assignment.entrySet()
			.stream()
			.map((e) -> e.getKey() + (e.getValue().isEmpty() ? " reads nothing"
					: " reads "
							+ e.getValue().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))))
			.collect(Collectors.joining("; "));
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String partitionWords(Set<Integer> partitions) {
		List<String> numbers = partitions.stream().map(String::valueOf).toList();
		if (numbers.size() == 1) {
			return "partition " + numbers.get(0);
		}
		return "partitions " + String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and "
				+ numbers.get(numbers.size() - 1);
	}

	private static Map<Integer, String> owners(Map<String, Set<Integer>> assignment) {
		Map<Integer, String> owners = new TreeMap<>();
		assignment.forEach((member, partitions) -> partitions.forEach((p) -> owners.put(p, member)));
		return owners;
	}

}
