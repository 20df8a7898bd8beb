package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one poll round saw, immutable, answers ready to serve: every request reads
 * the latest snapshot, so any number of pages costs the cluster nothing more.
 */
record ClusterSnapshot(ClusterView cluster, SortedMap<String, TopicView> topics, SortedMap<String, GroupView> groups) {

	ClusterSnapshot {
		topics = Collections.unmodifiableSortedMap(new TreeMap<>(topics));
		groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
	}

	static ClusterSnapshot empty() {
		return new ClusterSnapshot(ClusterView.empty(), new TreeMap<>(), new TreeMap<>());
	}

	static ClusterSnapshot of(ClusterView cluster, Map<String, TopicView> topics, Map<String, GroupView> groups) {
		return new ClusterSnapshot(cluster, new TreeMap<>(topics), new TreeMap<>(groups));
	}

	Instant polledAt() {
		return this.cluster.polledAt();
	}

	ClusterSnapshot unreachable(String why) {
		return new ClusterSnapshot(this.cluster.unreachable(why), this.topics, this.groups);
	}

}
