package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.ridertrack.tracking.kafka.ClusterView.Broker;
import dev.ridertrack.tracking.kafka.GroupView.Member;
import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;
import dev.ridertrack.tracking.kafka.TimelineEvent.Kind;

/**
 * Tells what changed between two consecutive snapshots, in words. A rebalance is narrated
 * once, when the group has settled (STABLE): who joined or left and which partitions
 * moved since the last settled assignment, and how long partitions went without an owner
 * in between (measured across the polls that saw them unowned, so to the poll interval's
 * resolution). Stateful (the last settled assignment of each group), used by the
 * watcher's one thread.
 */
final class TimelineNarrator {

	private record Settled(Map<String, String> memberNames, Map<TopicPartitionRef, String> owners) {
	}

	private final Map<String, Settled> settled = new HashMap<>();

	private final Map<String, Map<TopicPartitionRef, Instant>> unownedSince = new HashMap<>();

	private final Map<String, Map<TopicPartitionRef, Duration>> unownedFor = new HashMap<>();

	List<TimelineEvent> diff(ClusterSnapshot before, ClusterSnapshot after) {
		List<TimelineEvent> events = new ArrayList<>();
		Instant now = after.polledAt();
		if (before != null && before.polledAt() != null) {
			brokers(before.cluster(), after.cluster(), now, events);
			topics(before, after, now, events);
		}
		groups(before, after, now, events);
		return events;
	}

	private void brokers(ClusterView before, ClusterView after, Instant now, List<TimelineEvent> events) {
		Map<Integer, Broker> was = before.brokers().stream().collect(Collectors.toMap(Broker::id, (b) -> b));
		for (Broker broker : after.brokers()) {
			Broker old = was.get(broker.id());
			boolean wasUp = old != null && old.up();
			if (wasUp && !broker.up()) {
				events.add(new TimelineEvent(now, Kind.BROKER_DOWN, "broker " + broker.id(),
						"broker " + broker.id() + " (" + broker.host() + ":" + broker.port() + ") is down"));
			}
			else if (!wasUp && broker.up()) {
				events.add(new TimelineEvent(now, Kind.BROKER_UP, "broker " + broker.id(), "broker " + broker.id()
						+ " (" + broker.host() + ":" + broker.port() + ") is " + ((old == null) ? "up" : "back up")));
			}
		}
		if (!Objects.equals(before.controllerId(), after.controllerId()) && after.controllerId() != null) {
			events.add(new TimelineEvent(now, Kind.CONTROLLER_CHANGED, "controller",
					(before.controllerId() == null) ? "broker " + after.controllerId() + " is the active controller"
							: "the active controller moved from broker " + before.controllerId() + " to broker "
									+ after.controllerId()));
		}
	}

	private void topics(ClusterSnapshot before, ClusterSnapshot after, Instant now, List<TimelineEvent> events) {
		for (TopicView topic : after.topics().values()) {
			TopicView old = before.topics().get(topic.name());
			if (old == null) {
				events.add(new TimelineEvent(now, Kind.TOPIC_CREATED, topic.name(), topic.name() + " created with "
						+ topic.partitionCount() + " partitions, replication " + topic.replicationFactor()));
				continue;
			}
			Map<Integer, TopicView.Partition> was = old.partitions()
				.stream()
				.collect(Collectors.toMap(TopicView.Partition::partition, (p) -> p));
			Map<List<Integer>, List<Integer>> leaderMoves = new LinkedHashMap<>();
			Map<Integer, List<Integer>> shrunk = new TreeMap<>();
			Map<Integer, List<Integer>> expanded = new TreeMap<>();
			for (TopicView.Partition partition : topic.partitions()) {
				TopicView.Partition previous = was.get(partition.partition());
				if (previous == null) {
					continue;
				}
				if (!Objects.equals(previous.leader(), partition.leader())) {
					leaderMoves
						.computeIfAbsent(Arrays.asList(previous.leader(), partition.leader()), (k) -> new ArrayList<>())
						.add(partition.partition());
				}
				for (Integer replica : previous.isr()) {
					if (!partition.isr().contains(replica)) {
						shrunk.computeIfAbsent(replica, (k) -> new ArrayList<>()).add(partition.partition());
					}
				}
				for (Integer replica : partition.isr()) {
					if (!previous.isr().contains(replica)) {
						expanded.computeIfAbsent(replica, (k) -> new ArrayList<>()).add(partition.partition());
					}
				}
			}
			leaderMoves.forEach((move, partitions) -> events.add(new TimelineEvent(now, Kind.LEADER_CHANGED,
					topic.name(), topic.name() + ": " + leaderText(move.get(0), move.get(1), partitions))));
			shrunk.forEach((broker, partitions) -> events.add(new TimelineEvent(now, Kind.ISR_SHRUNK, topic.name(),
					topic.name() + ": broker " + broker + " left the ISR of " + PartitionRanges.named(partitions))));
			expanded.forEach((broker, partitions) -> events
				.add(new TimelineEvent(now, Kind.ISR_EXPANDED, topic.name(), topic.name() + ": broker " + broker
						+ " rejoined the ISR of " + PartitionRanges.named(partitions))));
		}
		for (String name : before.topics().keySet()) {
			if (!after.topics().containsKey(name)) {
				events.add(new TimelineEvent(now, Kind.TOPIC_DELETED, name, name + " was deleted"));
			}
		}
	}

	private static String leaderText(Integer from, Integer to, List<Integer> partitions) {
		String which = "leader of " + PartitionRanges.named(partitions);
		if (to == null) {
			return which + " lost (was broker " + from + "): offline";
		}
		if (from == null) {
			return which + " is broker " + to + " again";
		}
		return which + " moved from broker " + from + " to " + to;
	}

	private void groups(ClusterSnapshot before, ClusterSnapshot after, Instant now, List<TimelineEvent> events) {
		boolean first = before == null || before.polledAt() == null;
		Map<String, GroupView> was = first ? Map.of() : before.groups();
		for (GroupView group : after.groups().values()) {
			GroupView old = was.get(group.group());
			if (old == null && !first) {
				events.add(new TimelineEvent(now, Kind.GROUP_CREATED, group.group(), group.group() + " created ("
						+ group.type() + ", " + group.memberCount() + " member" + plural(group.memberCount()) + ")"));
			}
			if (old != null && !"EMPTY".equals(old.state()) && "EMPTY".equals(group.state())) {
				events.add(new TimelineEvent(now, Kind.GROUP_EMPTY, group.group(), group.group()
						+ " is empty: its last member left; committed offsets stay, lag grows until a member joins"));
			}
			trackUnowned(group, now);
			rebalance(group, first, now).ifPresent(events::add);
			if (old != null && old.status() != null && group.status() != null
					&& old.status().code() != group.status().code()
					&& !(old.status().code() == StatusCode.UNKNOWN && group.status().code() == StatusCode.OK)) {
				events.add(new TimelineEvent(now, Kind.GROUP_STATUS, group.group(), group.group() + ": "
						+ old.status().code() + " → " + group.status().code() + ": " + group.status().reason()));
			}
		}
		for (String name : was.keySet()) {
			if (!after.groups().containsKey(name)) {
				events.add(new TimelineEvent(now, Kind.GROUP_GONE, name, name + " is gone (deleted or expired)"));
			}
		}
		this.settled.keySet().retainAll(after.groups().keySet());
		this.unownedSince.keySet().retainAll(after.groups().keySet());
		this.unownedFor.keySet().retainAll(after.groups().keySet());
	}

	private void trackUnowned(GroupView group, Instant now) {
		Map<TopicPartitionRef, Instant> since = this.unownedSince.computeIfAbsent(group.group(),
				(g) -> new HashMap<>());
		Map<TopicPartitionRef, Duration> lasted = this.unownedFor.computeIfAbsent(group.group(),
				(g) -> new HashMap<>());
		if ("EMPTY".equals(group.state()) || "DEAD".equals(group.state())) {
			// nobody to own them: that is the group being empty, not a rebalance
			since.clear();
			lasted.clear();
			return;
		}
		Set<TopicPartitionRef> owned = new HashSet<>();
		for (GroupView.Partition partition : group.partitions()) {
			TopicPartitionRef ref = new TopicPartitionRef(partition.topic(), partition.partition());
			if (partition.owner() == null) {
				since.putIfAbsent(ref, now);
			}
			else {
				owned.add(ref);
			}
		}
		for (TopicPartitionRef ref : owned) {
			Instant from = since.remove(ref);
			if (from != null) {
				lasted.merge(ref, Duration.between(from, now), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
			}
		}
	}

	private Optional<TimelineEvent> rebalance(GroupView group, boolean first, Instant now) {
		boolean empty = "EMPTY".equals(group.state());
		if (!"STABLE".equals(group.state()) && !empty) {
			return Optional.empty();
		}
		Map<String, String> names = names(group.members());
		Map<TopicPartitionRef, String> owners = new TreeMap<>(
				Comparator.comparing(TopicPartitionRef::topic).thenComparing(TopicPartitionRef::partition));
		for (Member member : group.members()) {
			for (TopicPartitionRef ref : member.assignment()) {
				owners.put(ref, names.get(member.memberId()));
			}
		}
		Settled previous = this.settled.put(group.group(), new Settled(names, owners));
		if (previous == null || empty || (previous.memberNames().equals(names) && previous.owners().equals(owners))) {
			return Optional.empty();
		}
		List<String> parts = new ArrayList<>();
		names.forEach((id, name) -> {
			if (!previous.memberNames().containsKey(id)) {
				parts.add("member " + name + " joined");
			}
		});
		previous.memberNames().forEach((id, name) -> {
			if (!names.containsKey(id)) {
				parts.add("member " + name + " left");
			}
		});
		Set<String> topics = new HashSet<>();
		owners.keySet().forEach((ref) -> topics.add(ref.topic()));
		previous.owners().keySet().forEach((ref) -> topics.add(ref.topic()));
		boolean oneTopic = topics.size() == 1;
		Map<List<String>, Map<String, List<Integer>>> moves = new LinkedHashMap<>();
		Set<TopicPartitionRef> all = new TreeSet<>(
				Comparator.comparing(TopicPartitionRef::topic).thenComparing(TopicPartitionRef::partition));
		all.addAll(owners.keySet());
		all.addAll(previous.owners().keySet());
		for (TopicPartitionRef ref : all) {
			String from = previous.owners().get(ref);
			String to = owners.get(ref);
			if (!Objects.equals(from, to)) {
				moves.computeIfAbsent(Arrays.asList(from, to), (k) -> new TreeMap<>())
					.computeIfAbsent(ref.topic(), (k) -> new ArrayList<>())
					.add(ref.partition());
			}
		}
		moves.forEach((move, byTopic) -> byTopic.forEach((topic, partitions) -> {
			String which = oneTopic ? PartitionRanges.named(partitions)
					: topic + " " + PartitionRanges.named(partitions);
			String from = move.get(0);
			String to = move.get(1);
			if (from == null) {
				parts.add(which + " assigned to " + to);
			}
			else if (to == null) {
				parts.add(which + " no longer owned (were " + from + "'s)");
			}
			else {
				parts.add(which + " moved from " + from + " to " + to);
			}
		}));
		Map<TopicPartitionRef, Duration> lasted = this.unownedFor.getOrDefault(group.group(), Map.of());
		if (!lasted.isEmpty()) {
			Duration longest = lasted.values().stream().max(Duration::compareTo).orElseThrow();
			parts.add(lasted.size() + " partition" + plural(lasted.size()) + " had no owner for "
					+ LagEvaluator.seconds(longest));
			lasted.clear();
		}
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new TimelineEvent(now, Kind.GROUP_REBALANCE, group.group(),
				group.group() + ": " + String.join("; ", parts)));
	}

	/** Members named by process when known, else by client id; made unique if needed. */
	private static Map<String, String> names(List<Member> members) {
		Map<String, Long> counts = members.stream()
			.collect(Collectors.groupingBy(Member::displayName, Collectors.counting()));
		Map<String, String> names = new TreeMap<>();
		for (Member member : members) {
			String name = member.displayName();
			if (counts.get(name) > 1) {
				// a process with several consumers in one group (db-writer's two
				// containers):
				// the end of the member id tells them apart (its start is the client id)
				String id = member.memberId();
				name = name + " (…" + id.substring(Math.max(0, id.length() - 6)) + ")";
			}
			names.put(member.memberId(), name);
		}
		return names;
	}

	private static String plural(long n) {
		return (n == 1) ? "" : "s";
	}

}
