package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one group's growth from 2 to 3 members cost, measured from its members' rebalance
 * callbacks and record receipts.
 *
 * @param group the group
 * @param protocol {@code classic} or {@code consumer}
 * @param assignor the partition assignor
 * @param pausedMs the longest gap in records received across the whole group, from the
 * join until every partition was consuming again
 * @param movedGapMs the longest gap on any partition that moved
 * @param partitionGapMs the longest gap on any partition, moved or not
 * @param settleMs from the join until every partition was owned and had delivered a
 * record since its last assignment
 * @param moved partitions that changed owner: partition to "from → to"
 * @param revoked partitions each member had revoked during the growth
 * @param assigned partitions each member was assigned during the growth
 * @param before each original member's partitions before
 */
record RebalanceProtocolsFigures(String group, String protocol, String assignor, long pausedMs, long movedGapMs,
		long partitionGapMs, long settleMs, Map<Integer, String> moved, Map<String, Set<Integer>> revoked,
		Map<String, Set<Integer>> assigned, Map<String, Set<Integer>> before) {

	/**
	 * Measures a growth.
	 * @param group the group's id
	 * @param protocol its protocol
	 * @param assignor its assignor
	 * @param ownersBefore partition to member, before the join
	 * @param ownersAfter partition to member, once settled
	 * @param events rebalance callbacks since the join
	 * @param groupReceipts receipt times across the group, join to settled (plus a little
	 * before)
	 * @param partitionReceipts receipt times per partition over the same window
	 * @param joinedAt when the new member was started
	 * @param settledAt when the group was settled
	 * @return the figures
	 */
	static RebalanceProtocolsFigures measure(String group, String protocol, String assignor,
			Map<Integer, String> ownersBefore, Map<Integer, String> ownersAfter,
			List<RebalanceProtocolsGroup.Event> events, List<Long> groupReceipts,
			Map<Integer, List<Long>> partitionReceipts, long joinedAt, long settledAt) {
		Map<Integer, String> moved = new TreeMap<>();
		ownersAfter.forEach((partition, owner) -> {
			String was = ownersBefore.get(partition);
			if (!owner.equals(was)) {
				moved.put(partition, ((was != null) ? was : "nobody") + " → " + owner);
			}
		});
		Map<String, Set<Integer>> revoked = new TreeMap<>();
		Map<String, Set<Integer>> assigned = new TreeMap<>();
		for (RebalanceProtocolsGroup.Event event : events) {
			(event.assigned() ? assigned : revoked).computeIfAbsent(event.member(), (m) -> new TreeSet<>())
				.addAll(event.partitions());
		}
		Map<String, Set<Integer>> before = new TreeMap<>();
		ownersBefore
			.forEach((partition, owner) -> before.computeIfAbsent(owner, (m) -> new TreeSet<>()).add(partition));
		long movedGap = 0;
		long partitionGap = 0;
		for (Map.Entry<Integer, List<Long>> receipts : partitionReceipts.entrySet()) {
			long gap = longestGap(receipts.getValue());
			partitionGap = Math.max(partitionGap, gap);
			if (moved.containsKey(receipts.getKey())) {
				movedGap = Math.max(movedGap, gap);
			}
		}
		return new RebalanceProtocolsFigures(group, protocol, assignor, longestGap(groupReceipts), movedGap,
				partitionGap, settledAt - joinedAt, moved, revoked, assigned, before);
	}

	/**
	 * The longest time between two consecutive receipts.
	 * @param times receipt times, oldest first
	 * @return the longest gap in ms, 0 for fewer than two
	 */
	static long longestGap(List<Long> times) {
		long longest = 0;
		for (int i = 1; i < times.size(); i++) {
			longest = Math.max(longest, times.get(i) - times.get(i - 1));
		}
		return longest;
	}

	/** Partitions revoked from members that were in the group before the join. */
	Set<Integer> revokedFromOriginalMembers() {
		Set<Integer> all = new TreeSet<>();
		this.before.keySet().forEach((member) -> all.addAll(this.revoked.getOrDefault(member, Set.of())));
		return all;
	}

	String movedText() {
		return this.moved.isEmpty() ? "none" : this.moved.keySet().toString();
	}

	List<String> narrate() {
		List<String> lines = new ArrayList<>();
		int members = this.before.size();
		StringBuilder line = new StringBuilder(this.group).append(" (")
			.append(this.protocol)
			.append(", ")
			.append(this.assignor)
			.append(") went from ")
			.append(members)
			.append(" to ")
			.append(members + 1)
			.append(" members: every partition was consuming again ")
			.append(this.settleMs)
			.append(" ms after the join; the whole group received nothing for ")
			.append(this.pausedMs)
			.append(" ms at most; the longest stop of any one partition was ")
			.append(this.partitionGapMs)
			.append(" ms");
		if (!this.moved.isEmpty()) {
			line.append(", of a moved partition ").append(this.movedGapMs).append(" ms");
		}
		line.append('.');
		lines.add(line.toString());
		List<String> revokedText = new ArrayList<>();
		this.before.forEach((member, partitions) -> revokedText
			.add(member + " gave up " + this.revoked.getOrDefault(member, Set.of()) + " of " + partitions));
		lines.add("Moved: " + (this.moved.isEmpty() ? "none"
				: this.moved.entrySet()
					.stream()
					.map((e) -> "partition " + e.getKey() + " " + e.getValue())
					.reduce((a, b) -> a + ", " + b)
					.orElse(""))
				+ ". Revoked: " + String.join("; ", revokedText) + ".");
		return lines;
	}

}
