package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/kafka/topics/{topic}}: one topic, its configs and every partition.
 *
 * @param messages records between the start and end offsets of all partitions
 * @param sizeBytes bytes on disk of the leader replicas ({@code null} until the log dirs
 * are first read)
 * @param recordsPerSecond from the end offsets' growth since the previous poll
 */
record TopicView(Instant polledAt, String name, TopicKind kind, int partitionCount, int replicationFactor,
		int underReplicated, int offline, long messages, Long sizeBytes, Double recordsPerSecond,
		Map<String, String> configs, List<Partition> partitions) {

	Summary summary() {
		return new Summary(this.name, this.kind, this.partitionCount, this.replicationFactor, this.underReplicated,
				this.offline, this.messages, this.sizeBytes, this.recordsPerSecond);
	}

	/** One item of {@code GET /api/v1/kafka/topics}. */
	record Summary(String name, TopicKind kind, int partitionCount, int replicationFactor, int underReplicated,
			int offline, long messages, Long sizeBytes, Double recordsPerSecond) {
	}

	/**
	 * @param leader {@code null} when the partition has no leader
	 */
	record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr, boolean underReplicated,
			boolean offline, Long startOffset, Long endOffset, Long sizeBytes, Double recordsPerSecond) {
	}

	record Page(Instant polledAt, List<Summary> topics) {
	}

}
