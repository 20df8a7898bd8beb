package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One lesson 12 group: its members, every record receipt (time and partition) and every
 * rebalance callback, on one clock ({@link System#nanoTime()} in milliseconds).
 */
class RebalanceProtocolsGroup {

	private final String id;

	private final String protocol;

	private final String assignor;

	private final Map<String, Object> config;

	private final KafkaLessonClients kafka;

	private final List<RebalanceProtocolsMember> members = new CopyOnWriteArrayList<>();

	private final List<long[]> receipts = new ArrayList<>();

	private final List<Event> events = new CopyOnWriteArrayList<>();

	RebalanceProtocolsGroup(String id, String protocol, String assignor, Map<String, Object> config,
			KafkaLessonClients kafka) {
		this.id = id;
		this.protocol = protocol;
		this.assignor = assignor;
		this.config = config;
		this.kafka = kafka;
	}

	String id() {
		return this.id;
	}

	String protocol() {
		return this.protocol;
	}

	String assignor() {
		return this.assignor;
	}

	List<RebalanceProtocolsMember> members() {
		return List.copyOf(this.members);
	}

	void add() {
		String name = this.id.substring("lesson-".length()) + "-" + (this.members.size() + 1);
		RebalanceProtocolsMember member = new RebalanceProtocolsMember(name, this,
				this.kafka.consumer(this.id, name, this.config));
		this.members.add(member);
		member.start();
	}

	void stop() {
		this.members.forEach(RebalanceProtocolsMember::stop);
		this.members.forEach(RebalanceProtocolsMember::join);
		this.members.clear();
	}

	void received(int partition) {
		synchronized (this.receipts) {
			this.receipts.add(new long[] { now(), partition });
		}
	}

	void event(String member, boolean assigned, Set<Integer> partitions) {
		this.events.add(new Event(now(), member, assigned, Set.copyOf(partitions)));
	}

	List<Event> eventsSince(long since) {
		return this.events.stream().filter((e) -> e.at() >= since).toList();
	}

	/** Partition to owning member, from the members' own callbacks. */
	Map<Integer, String> owners() {
		Map<Integer, String> owners = new TreeMap<>();
		for (RebalanceProtocolsMember member : this.members) {
			member.owned().forEach((p) -> owners.put(p, member.name()));
		}
		return owners;
	}

	/**
	 * Whether the group is settled: the given members own every partition, each at least
	 * one, no partition twice, and every partition has delivered a record since its last
	 * assignment.
	 */
	boolean settled(int memberCount, int partitions) {
		List<RebalanceProtocolsMember> now = members();
		if (now.size() != memberCount) {
			return false;
		}
		int owned = 0;
		Set<Integer> all = new TreeSet<>();
		for (RebalanceProtocolsMember member : now) {
			if (member.owned().isEmpty()) {
				return false;
			}
			owned += member.owned().size();
			all.addAll(member.owned());
		}
		if (owned != partitions || all.size() != partitions) {
			return false;
		}
		Map<Integer, Long> lastAssigned = new HashMap<>();
		for (Event event : this.events) {
			if (event.assigned()) {
				event.partitions().forEach((p) -> lastAssigned.merge(p, event.at(), Math::max));
			}
		}
		Map<Integer, Long> lastReceipt = lastReceipts();
		return all.stream().allMatch((p) -> lastReceipt.getOrDefault(p, -1L) >= lastAssigned.getOrDefault(p, 0L));
	}

	private Map<Integer, Long> lastReceipts() {
		Map<Integer, Long> last = new HashMap<>();
		synchronized (this.receipts) {
			for (long[] receipt : this.receipts) {
				last.merge((int) receipt[1], receipt[0], Math::max);
			}
		}
		return last;
	}

	/**
	 * Receipt times of the group's records in a window, oldest first.
	 * @param partition one partition, or -1 for all
	 * @param from from this time
	 * @param to up to this time
	 * @return the times
	 */
	List<Long> receipts(int partition, long from, long to) {
		List<Long> times = new ArrayList<>();
		synchronized (this.receipts) {
			for (long[] receipt : this.receipts) {
				if (receipt[0] >= from && receipt[0] <= to && (partition < 0 || receipt[1] == partition)) {
					times.add(receipt[0]);
				}
			}
		}
		return times;
	}

	static long now() {
		return System.nanoTime() / 1_000_000;
	}

	/**
	 * A rebalance callback.
	 *
	 * @param at when
	 * @param member which member
	 * @param assigned assigned, or else revoked
	 * @param partitions the partitions
	 */
	record Event(long at, String member, boolean assigned, Set<Integer> partitions) {

	}

}
