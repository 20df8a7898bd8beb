package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/kafka/groups/{group}}: a group of any type, its members, what each
 * owns and how far behind each partition is.
 *
 * @param type CLASSIC, CONSUMER, STREAMS or SHARE, as the broker reports
 * @param protocol protocol type and assignor ({@code "consumer / range"}), "" when none
 * @param state the broker's group state name
 * @param totalLag {@code null} when the group has no committed offsets
 */
record GroupView(Instant polledAt, String group, String type, String protocol, String state, Integer coordinator,
		int memberCount, List<String> topics, Long totalLag, Status status, List<Member> members,
		List<Partition> partitions) {

	Summary summary() {
		return new Summary(this.group, this.type, this.protocol, this.state, this.coordinator, this.memberCount,
				this.topics, this.totalLag, this.status);
	}

	GroupView withStatus(Status status) {
		return new GroupView(this.polledAt, this.group, this.type, this.protocol, this.state, this.coordinator,
				this.memberCount, this.topics, this.totalLag, status, this.members, this.partitions);
	}

	boolean rebalancing() {
		return switch (this.state) {
			case "PREPARING_REBALANCE", "COMPLETING_REBALANCE", "ASSIGNING", "RECONCILING" -> true;
			default -> false;
		};
	}

	/** One item of {@code GET /api/v1/kafka/groups}. */
	record Summary(String group, String type, String protocol, String state, Integer coordinator, int memberCount,
			List<String> topics, Long totalLag, Status status) {
	}

	record Status(StatusCode code, String reason) {
	}

	/**
	 * @param process the RiderTrack process ({@code db-writer-2}), {@code null} when it
	 * cannot be told
	 * @param idle a member with no partition
	 */
	record Member(String memberId, String clientId, String host, String process, List<TopicPartitionRef> assignment,
			boolean idle) {

		/** How the timeline names this member. */
		String displayName() {
			return (this.process != null) ? this.process : this.clientId;
		}

	}

	record TopicPartitionRef(String topic, int partition) {
	}

	/**
	 * @param owner the owning member's id, {@code null} when no member owns it
	 */
	record Partition(String topic, int partition, String owner, String ownerProcess, Long committedOffset,
			Long endOffset, Long lag) {
	}

	record Page(Instant polledAt, List<Summary> groups) {
	}

}
