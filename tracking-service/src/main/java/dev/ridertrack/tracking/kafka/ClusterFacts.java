package dev.ridertrack.tracking.kafka;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * What the process-controlling lessons (4–8, 14) read from the Kafka page's watcher: a
 * group's members and lag, a topic's leaders and in-sync replicas, the brokers up, and a
 * way to put an autoscaler decision on the page's timeline. Public because the lessons
 * live in another package; the watcher's own records stay package-private.
 */
@Component
public class ClusterFacts {

	private final ClusterWatcher watcher;

	private final Clock clock;

	ClusterFacts(ClusterWatcher watcher, Clock clock) {
		this.watcher = watcher;
		this.clock = clock;
	}

	/**
	 * When the watcher last read the cluster.
	 * @return the time, or {@code null} before the first round
	 */
	public Instant polledAt() {
		return this.watcher.snapshot().polledAt();
	}

	/**
	 * A group as the watcher saw it last.
	 * @param group the group id
	 * @return its facts, empty when the group is not known (yet)
	 */
	public Optional<Group> group(String group) {
		return this.watcher.group(group).map(ClusterFacts::facts);
	}

	/**
	 * A topic as the watcher saw it last.
	 * @param topic the topic
	 * @return its partitions, empty when not known
	 */
	public Optional<Topic> topic(String topic) {
		return this.watcher.topic(topic)
			.map((t) -> new Topic(t.name(), t.underReplicated(), t.offline(),
					t.partitions()
						.stream()
						.map((p) -> new TopicPartition(p.partition(), p.leader(), p.replicas(), p.isr(),
								p.startOffset(), p.endOffset()))
						.toList()));
	}

	/**
	 * The ids of the brokers the cluster lists as up.
	 * @return ids, ascending
	 */
	public List<Integer> brokersUp() {
		return this.watcher.snapshot()
			.cluster()
			.brokers()
			.stream()
			.filter(ClusterView.Broker::up)
			.map(ClusterView.Broker::id)
			.sorted()
			.toList();
	}

	/**
	 * Every broker the watcher has seen, up or not.
	 * @return their count
	 */
	public int brokersKnown() {
		return this.watcher.snapshot().cluster().brokers().size();
	}

	/**
	 * Puts an autoscaler decision on the Kafka page's timeline.
	 * @param group the group it scaled
	 * @param text the decision and its reason
	 */
	public void autoscalerDecision(String group, String text) {
		Instant now = this.clock.instant();
		this.watcher.timeline()
			.addAll(List.of(new TimelineEvent(now, TimelineEvent.Kind.AUTOSCALER, group, text)), now);
	}

	/**
	 * Puts what the local stack's supervisor did to a process on the Kafka page's
	 * timeline.
	 * @param time when it happened
	 * @param kind {@code CRASHED}, {@code RESTARTED}, {@code RECOVERED} or
	 * {@code GAVE_UP}, as the control API names it
	 * @param process the process, e.g. {@code db-writer-2}
	 * @param text the sentence the stack printed
	 */
	public void processEvent(Instant time, String kind, String process, String text) {
		TimelineEvent.Kind timelineKind = switch (kind) {
			case "CRASHED" -> TimelineEvent.Kind.PROCESS_CRASHED;
			case "RESTARTED" -> TimelineEvent.Kind.PROCESS_RESTARTED;
			case "RECOVERED" -> TimelineEvent.Kind.PROCESS_RECOVERED;
			case "GAVE_UP" -> TimelineEvent.Kind.PROCESS_GAVE_UP;
			default -> null;
		};
		if (timelineKind != null) {
			this.watcher.timeline()
				.addAll(List.of(new TimelineEvent(time, timelineKind, process, text)), this.clock.instant());
		}
	}

	private static Group facts(GroupView view) {
		// one process can be several members (db-writer: one consumer for fixes, one for
		// orders; a Streams instance: one per thread): their partitions are merged
		Map<String, Map<String, List<Integer>>> owned = new TreeMap<>();
		for (GroupView.Member member : view.members()) {
			Map<String, List<Integer>> byTopic = owned.computeIfAbsent(member.displayName(), (m) -> new TreeMap<>());
			member.assignment()
				.forEach((ref) -> byTopic.computeIfAbsent(ref.topic(), (t) -> new java.util.ArrayList<>())
					.add(ref.partition()));
			byTopic.values().forEach((partitions) -> partitions.sort(null));
		}
		return new Group(view.group(), view.type(), view.state(), view.memberCount(), view.totalLag(), owned,
				view.partitions()
					.stream()
					.map((p) -> new GroupPartition(p.topic(), p.partition(), p.ownerProcess(), p.committedOffset(),
							p.endOffset(), p.lag()))
					.toList(),
				view.polledAt());
	}

	/**
	 * A group.
	 *
	 * @param memberCount the group's members (a process may be more than one)
	 * @param members process (its name on the page, e.g. {@code db-writer-2}) → topic →
	 * the partitions its members own
	 * @param totalLag {@code null} when it has no committed offsets
	 */
	public record Group(String group, String type, String state, int memberCount, Long totalLag,
			Map<String, Map<String, List<Integer>>> members, List<GroupPartition> partitions, Instant polledAt) {

		/**
		 * Who owns what of one topic; a member owning nothing of it is listed with none.
		 * @param topic the topic
		 * @return member → partitions, by member name
		 */
		public Map<String, List<Integer>> owners(String topic) {
			Map<String, List<Integer>> owners = new TreeMap<>();
			this.members.forEach((member, topics) -> owners.put(member, topics.getOrDefault(topic, List.of())));
			return owners;
		}

		/**
		 * The processes (instances) among the members.
		 * @return how many
		 */
		public int processes() {
			return this.members.size();
		}

		/**
		 * Whether the group is between assignments.
		 * @return true while it rebalances
		 */
		public boolean rebalancing() {
			return switch (this.state) {
				case "PREPARING_REBALANCE", "COMPLETING_REBALANCE", "ASSIGNING", "RECONCILING" -> true;
				default -> false;
			};
		}

	}

	/**
	 * One partition of a group.
	 *
	 * @param ownerProcess the owning member's process, {@code null} when none owns it
	 */
	public record GroupPartition(String topic, int partition, String ownerProcess, Long committedOffset, Long endOffset,
			Long lag) {
	}

	/** A topic. */
	public record Topic(String name, int underReplicated, int offline, List<TopicPartition> partitions) {
	}

	/** One partition of a topic; {@code leader} is {@code null} when it has none. */
	public record TopicPartition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr,
			Long startOffset, Long endOffset) {
	}

}
