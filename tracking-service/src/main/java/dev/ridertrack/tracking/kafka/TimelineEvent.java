package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened on the cluster, narrated.
 *
 * @param subject the group, topic or broker it happened to
 */
record TimelineEvent(Instant time, Kind kind, String subject, String text) {

	enum Kind {

		GROUP_CREATED, GROUP_REBALANCE, GROUP_EMPTY, GROUP_GONE, GROUP_STATUS, BROKER_DOWN, BROKER_UP,
		CONTROLLER_CHANGED, LEADER_CHANGED, ISR_SHRUNK, ISR_EXPANDED, TOPIC_CREATED, TOPIC_DELETED,
		/** a decision of the lag-based autoscaler (lesson 14), with its reason */
		AUTOSCALER,
		/**
		 * the local stack's processes: one exited unasked, was restarted, was ready again
		 */
		PROCESS_CRASHED, PROCESS_RESTARTED, PROCESS_RECOVERED,
		/** the local stack left a process down after a crash loop */
		PROCESS_GAVE_UP

	}

	/** {@code GET /api/v1/kafka/timeline}: newest first. */
	record Page(List<TimelineEvent> events) {
	}

}
