package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import dev.ridertrack.tracking.kafka.ClusterView.Broker;
import dev.ridertrack.tracking.kafka.GroupView.Member;
import dev.ridertrack.tracking.kafka.GroupView.Status;
import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;
import dev.ridertrack.tracking.kafka.TimelineEvent.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineNarratorTests {

	private static final Instant T0 = Instant.parse("2026-12-05T18:00:00Z");

	private static final String TOPIC = "rider-locations";

	private final TimelineNarrator narrator = new TimelineNarrator();

	@Test
	void narratesARebalanceOnceSettledWithWhoJoinedWhatMovedAndForHowLongPartitionsHadNoOwner() {
		Member first = member("m1", "db-writer-0", range(0, 11));
		ClusterSnapshot stable = snapshot(T0, group("STABLE", first));
		ClusterSnapshot rebalancing = snapshot(T0.plusSeconds(5), group("PREPARING_REBALANCE",
				member("m1", "db-writer-0", List.of()), member("m2", "db-writer-2-0", List.of())));
		ClusterSnapshot settled = snapshot(T0.plusMillis(8400),
				group("STABLE", member("m1", "db-writer-0", range(0, 5)), member("m2", "db-writer-2-0", range(6, 11))));
		assertThat(this.narrator.diff(null, stable)).isEmpty();
		assertThat(this.narrator.diff(stable, rebalancing)).isEmpty();
		List<TimelineEvent> events = this.narrator.diff(rebalancing, settled);
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.kind()).isEqualTo(Kind.GROUP_REBALANCE);
			assertThat(event.subject()).isEqualTo("db-writer");
			assertThat(event.text()).isEqualTo("db-writer: member db-writer-2 joined; partitions 6–11 moved from "
					+ "db-writer to db-writer-2; 12 partitions had no owner for 3.4 s");
		});
	}

	@Test
	void namesMembersByClientIdWhenTheProcessIsUnknownAndTellsWhoLeft() {
		ClusterSnapshot two = snapshot(T0,
				group("STABLE", member("a", "reader-a", range(0, 2)), member("b", "reader-b", range(3, 5))));
		ClusterSnapshot one = snapshot(T0.plusSeconds(5), group("STABLE", member("a", "reader-a", range(0, 5))));
		this.narrator.diff(null, two);
		assertThat(this.narrator.diff(two, one)).singleElement()
			.extracting(TimelineEvent::text)
			.isEqualTo("db-writer: member reader-b left; partitions 3–5 moved from reader-b to reader-a");
	}

	@Test
	void narratesGroupsCreatedEmptiedGoneAndTheirStatusChanges() {
		ClusterSnapshot none = snapshot(T0);
		ClusterSnapshot created = snapshot(T0.plusSeconds(5), group("STABLE", member("a", "reader-a", range(0, 5))));
		GroupView empty = group("EMPTY").withStatus(new Status(StatusCode.STOP, "no commit over the last 15.0 s"));
		ClusterSnapshot emptied = snapshot(T0.plusSeconds(10), empty);
		ClusterSnapshot gone = snapshot(T0.plusSeconds(15));
		this.narrator.diff(null, none);
		assertThat(this.narrator.diff(none, created)).extracting(TimelineEvent::kind)
			.containsExactly(Kind.GROUP_CREATED);
		assertThat(this.narrator.diff(created, emptied)).extracting(TimelineEvent::kind)
			.containsExactly(Kind.GROUP_EMPTY, Kind.GROUP_STATUS);
		assertThat(this.narrator.diff(emptied, gone)).extracting(TimelineEvent::kind).containsExactly(Kind.GROUP_GONE);
	}

	@Test
	void narratesBrokersControllerLeadersAndIsr() {
		ClusterSnapshot before = cluster(T0, 1, List.of(broker(1, true), broker(2, true)),
				List.of(partition(0, 2, List.of(1, 2)), partition(3, 2, List.of(1, 2)), partition(6, 2, List.of(2, 1)),
						partition(7, 1, List.of(1, 2))));
		ClusterSnapshot after = cluster(T0.plusSeconds(5), 2, List.of(broker(1, true), broker(2, false)),
				List.of(partition(0, 1, List.of(1)), partition(3, 1, List.of(1)), partition(6, 1, List.of(1)),
						partition(7, 1, List.of(1))));
		List<TimelineEvent> events = this.narrator.diff(before, after);
		assertThat(events).extracting(TimelineEvent::text)
			.containsExactly("broker 2 (localhost:9094) is down",
					"the active controller moved from broker 1 to broker 2",
					"rider-locations: leader of partitions 0, 3, 6 moved from broker 2 to 1",
					"rider-locations: broker 2 left the ISR of partitions 0, 3, 6, 7");
		assertThat(events).extracting(TimelineEvent::kind)
			.containsExactly(Kind.BROKER_DOWN, Kind.CONTROLLER_CHANGED, Kind.LEADER_CHANGED, Kind.ISR_SHRUNK);
		assertThat(this.narrator.diff(after, before)).extracting(TimelineEvent::kind)
			.contains(Kind.BROKER_UP, Kind.ISR_EXPANDED);
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

	private static Member member(String id, String clientId, List<Integer> partitions) {
		List<TopicPartitionRef> assignment = partitions.stream().map((p) -> new TopicPartitionRef(TOPIC, p)).toList();
		return new Member(id, clientId, "/127.0.0.1", ProcessNames.processOf(clientId), assignment,
				assignment.isEmpty());
	}

	/** Group db-writer with committed offsets on all twelve partitions. */
	private static GroupView group(String state, Member... members) {
		Map<Integer, Member> owners = new TreeMap<>();
		for (Member member : members) {
			member.assignment().forEach((ref) -> owners.put(ref.partition(), member));
		}
		List<GroupView.Partition> partitions = new ArrayList<>();
		for (int p = 0; p < 12; p++) {
			Member owner = owners.get(p);
			partitions.add(new GroupView.Partition(TOPIC, p, (owner != null) ? owner.memberId() : null,
					(owner != null) ? owner.process() : null, 10L, 10L, 0L));
		}
		return new GroupView(T0, "db-writer", "CLASSIC", "consumer / range", state, 1, members.length, List.of(TOPIC),
				0L, new Status(StatusCode.OK, "fine"), List.of(members), partitions);
	}

	private static ClusterSnapshot snapshot(Instant at, GroupView... groups) {
		Map<String, GroupView> byName = new TreeMap<>();
		for (GroupView group : groups) {
			byName.put(group.group(), group);
		}
		return ClusterSnapshot.of(cluster(at, 1, List.of(broker(1, true))), Map.of(), byName);
	}

	private static ClusterView cluster(Instant at, Integer controller, List<Broker> brokers) {
		return new ClusterView(at, "cluster", true, null, controller, brokers, null, "4.2.1", "4.2-IV1", List.of());
	}

	private static ClusterSnapshot cluster(Instant at, Integer controller, List<Broker> brokers,
			List<TopicView.Partition> partitions) {
		TopicView topic = new TopicView(at, TOPIC, TopicKind.CATALOG, partitions.size(), 2, 0, 0, 0, null, null,
				Map.of(), partitions);
		return ClusterSnapshot.of(cluster(at, controller, brokers), Map.of(TOPIC, topic), Map.of());
	}

	private static Broker broker(int id, boolean up) {
		return new Broker(id, "localhost", 9090 + 2 * id, null, up, false, 0, 0);
	}

	private static TopicView.Partition partition(int partition, int leader, List<Integer> isr) {
		return new TopicView.Partition(partition, leader, List.of(1, 2), isr, isr.size() < 2, false, 0L, 10L, null,
				null);
	}

}
