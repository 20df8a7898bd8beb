package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One burst of lesson 2: which records of it each member of each group received, and what
 * that says about queues and publish–subscribe.
 */
final class QueueVsPubsubCount {

	private final String burst;

	private final int records;

	/**
	 * group → member → sequence numbers received, members in the order they were seen.
	 */
	private final Map<String, Map<String, Set<Integer>>> received = new ConcurrentHashMap<>();

	/**
	 * @param burst the burst's id, written into every record of it
	 * @param records how many records the burst sends
	 * @param groups the groups and their members, in order
	 */
	QueueVsPubsubCount(String burst, int records, Map<String, List<String>> groups) {
		this.burst = burst;
		this.records = records;
		groups.forEach((group, members) -> {
			Map<String, Set<Integer>> byMember = new LinkedHashMap<>();
			members.forEach((m) -> byMember.put(m, ConcurrentHashMap.newKeySet()));
			this.received.put(group, Collections.synchronizedMap(byMember));
		});
	}

	String burst() {
		return this.burst;
	}

	int records() {
		return this.records;
	}

	/**
	 * Counts a record a member received, if it belongs to this burst.
	 * @param group the member's group
	 * @param member the member
	 * @param value the record's value, {@code <burst>:<seq>}
	 */
	void received(String group, String member, String value) {
		int colon = (value != null) ? value.indexOf(':') : -1;
		if (colon < 0 || !value.substring(0, colon).equals(this.burst)) {
			return;
		}
		Map<String, Set<Integer>> byMember = this.received.get(group);
		if (byMember != null) {
			byMember.computeIfAbsent(member, (m) -> ConcurrentHashMap.newKeySet())
				.add(Integer.parseInt(value.substring(colon + 1)));
		}
	}

	/**
	 * Distinct records of the burst the group received.
	 * @param group the group
	 * @return the count
	 */
	int distinct(String group) {
		Set<Integer> all = new HashSet<>();
		members(group).values().forEach(all::addAll);
		return all.size();
	}

	/**
	 * Records counted by the members of the group, a record received twice counted twice.
	 * @param group the group
	 * @return the sum
	 */
	int sum(String group) {
		return members(group).values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * Records of the burst that more than one member of the group received.
	 * @param group the group
	 * @return the count
	 */
	int shared(String group) {
		return sum(group) - distinct(group);
	}

	int of(String group, String member) {
		Set<Integer> seqs = members(group).get(member);
		return (seqs != null) ? seqs.size() : 0;
	}

	boolean complete() {
		return this.received.keySet().stream().allMatch((g) -> distinct(g) >= this.records);
	}

	/**
	 * What the burst showed, from the counts.
	 * @return a few sentences
	 */
	List<String> narrate() {
		List<String> lines = new ArrayList<>();
		List<String> groups = new ArrayList<>(this.received.keySet());
		groups.sort(String::compareTo);
		boolean all = groups.stream().allMatch((g) -> distinct(g) == this.records);
		if (all) {
			lines.add((groups.size() == 2 ? "Both groups" : "Every group") + " received all " + this.records
					+ " records: publish–subscribe, each group gets the whole stream.");
		}
		else {
			List<String> parts = new ArrayList<>();
			groups.forEach((g) -> parts.add(g + " received " + distinct(g) + " of " + this.records));
			lines.add(String.join("; ", parts) + " within the wait.");
		}
		for (String group : groups) {
			Map<String, Set<Integer>> members = members(group);
			List<String> took = new ArrayList<>();
			members.forEach((m, seqs) -> took.add(m + " took " + seqs.size()));
			String sentence;
			if (members.size() == 1) {
				sentence = group + "'s only member " + took.get(0) + ".";
			}
			else {
				sentence = "Inside " + group + ", " + String.join(took.size() == 2 ? " and " : ", ", took)
						+ ": a queue, the members share the work";
				int shared = shared(group);
				sentence += (shared == 0) ? " and no record reached two of them." : "; " + shared
						+ " records reached two of them (a rebalance during the burst delivered them again).";
			}
			lines.add(sentence);
		}
		return lines;
	}

	private Map<String, Set<Integer>> members(String group) {
		Map<String, Set<Integer>> members = this.received.get(group);
		if (members == null) {
			return Map.of();
		}
		synchronized (members) {
			return new LinkedHashMap<>(members);
		}
	}

}
