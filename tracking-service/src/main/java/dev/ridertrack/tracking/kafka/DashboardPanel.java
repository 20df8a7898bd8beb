package dev.ridertrack.tracking.kafka;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ridertrack.events.Topics;

import org.springframework.stereotype.Component;

/**
 * The dashboard's small Kafka panel: rider-locations' end offsets and how RiderTrack's
 * four groups share and lag behind its partitions, from the watcher's latest snapshot.
 */
@Component
public class DashboardPanel {

	private static final List<String> GROUPS = List.of("tracking", "eta", "analytics", "db-writer");

	private static final String TOPIC = Topics.RIDER_LOCATIONS.name();

	private final ClusterWatcher watcher;

	DashboardPanel(ClusterWatcher watcher) {
		this.watcher = watcher;
	}

	/**
	 * The panel as the dashboard reads it.
	 * @param thisInstance the partitions this instance's tracking listener owns
	 * @return the panel
	 */
	public Panel panel(List<Integer> thisInstance) {
		ClusterSnapshot snapshot = this.watcher.snapshot();
		TopicView topic = snapshot.topics().get(TOPIC);
		int partitions = (topic != null) ? topic.partitionCount() : Topics.RIDER_LOCATIONS.partitions();
		Map<Integer, Long> endOffsets = new TreeMap<>();
		if (topic != null) {
			topic.partitions()
				.forEach((p) -> endOffsets.put(p.partition(), (p.endOffset() != null) ? p.endOffset() : 0));
		}
		List<Group> groups = GROUPS.stream()
			.map((name) -> group(name, snapshot.groups().get(name), partitions))
			.toList();
		return new Panel(TOPIC, partitions, endOffsets, thisInstance, groups);
	}

	private static Group group(String name, GroupView view, int partitions) {
		if (view == null) {
			return new Group(name, "NOT RUNNING", List.of(), Map.of(), -1);
		}
		Map<Integer, Long> lag = new TreeMap<>();
		for (int p = 0; p < partitions; p++) {
			lag.put(p, 0L);
		}
		boolean anyCommitted = false;
		for (GroupView.Partition partition : view.partitions()) {
			if (partition.topic().equals(TOPIC)) {
				anyCommitted |= partition.committedOffset() != null;
				long behind = (partition.lag() != null) ? partition.lag()
						: (partition.endOffset() != null) ? partition.endOffset() : 0;
				lag.put(partition.partition(), behind);
			}
		}
		List<Member> members = view.members()
			.stream()
			.map((m) -> new Member(m.clientId(), m.host(),
					m.assignment().stream().filter((a) -> a.topic().equals(TOPIC)).map((a) -> a.partition()).toList()))
			.toList();
		long total = lag.values().stream().mapToLong(Long::longValue).sum();
		// -1: the group has never committed and is not running, so there is no lag to
		// speak of
		return new Group(view.group(), view.state(), members, lag,
				(!anyCommitted && view.members().isEmpty()) ? -1 : total);
	}

	/**
	 * {@code GET /api/v1/kafka}.
	 *
	 * @param topic the topic shown (rider-locations)
	 * @param partitions its partition count
	 * @param endOffsets end offset per partition
	 * @param thisInstance partitions this instance owns in group {@code tracking}
	 * @param groups RiderTrack's four groups
	 */
	public record Panel(String topic, int partitions, Map<Integer, Long> endOffsets, List<Integer> thisInstance,
			List<Group> groups) {
	}

	/**
	 * One group on the panel.
	 *
	 * @param group its id
	 * @param state the broker's state name, or {@code NOT RUNNING}
	 * @param members who reads which partitions
	 * @param lag lag per partition
	 * @param totalLag the sum, or -1 when the group has never run
	 */
	public record Group(String group, String state, List<Member> members, Map<Integer, Long> lag, long totalLag) {
	}

	/**
	 * One member of a group on the panel.
	 *
	 * @param clientId its client id
	 * @param host where it runs
	 * @param partitions the rider-locations partitions it owns
	 */
	public record Member(String clientId, String host, List<Integer> partitions) {
	}

}
