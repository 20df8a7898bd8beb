package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/kafka/cluster}: brokers, the KRaft quorum and the finalized
 * features.
 */
record ClusterView(Instant polledAt, String clusterId, boolean reachable, String error, Integer controllerId,
		List<Broker> brokers, Quorum quorum, String kafkaVersion, String metadataVersion, List<Feature> features) {

	static ClusterView empty() {
		return new ClusterView(null, null, false, "not polled yet", null, List.of(), null, null, null, List.of());
	}

	ClusterView unreachable(String why) {
		return new ClusterView(this.polledAt, this.clusterId, false, why, this.controllerId, this.brokers, this.quorum,
				this.kafkaVersion, this.metadataVersion, this.features);
	}

	record Broker(int id, String host, int port, String rack, boolean up, boolean controller, int leaderFor,
			int replicaFor) {
	}

	record Quorum(int leaderId, long leaderEpoch, long highWatermark, List<Replica> voters, List<Replica> observers) {
	}

	/**
	 * @param lag how far the replica's log end is behind the leader's
	 * @param lastCaughtUpMsAgo {@code null} when the leader does not know
	 */
	record Replica(int id, long logEndOffset, long lag, Long lastCaughtUpMsAgo) {
	}

	/**
	 * @param level the finalized level (0: supported but not enabled)
	 */
	record Feature(String name, int level, int minVersion, int maxVersion) {
	}

}
