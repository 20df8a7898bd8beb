package dev.ridertrack.tracking.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Kafka page watches the cluster.
 *
 * @param pollInterval one round of Admin calls this often
 * @param rebalancePollInterval the round interval while any group is rebalancing, so a
 * rebalance is timed to about this resolution
 * @param slowRefresh topic configs and log-dir sizes change rarely and cost the brokers
 * more: refreshed this often
 * @param adminTimeout the longest one Admin call may take before the round gives up
 * @param statusWindow the number of polls a group's status is judged over
 * @param history how long lag history and the timeline are kept
 * @param timelineEvents the most timeline events kept, whatever their age
 * @param trackCommits read {@code __consumer_offsets} to learn when each group commits
 * (tells a stalled group from a stopped one)
 */
@ConfigurationProperties("ridertrack.kafka-page")
record KafkaPageProperties(@DefaultValue("5s") Duration pollInterval,
		@DefaultValue("1s") Duration rebalancePollInterval, @DefaultValue("30s") Duration slowRefresh,
		@DefaultValue("5s") Duration adminTimeout, @DefaultValue("10") int statusWindow,
		@DefaultValue("35m") Duration history, @DefaultValue("5000") int timelineEvents,
		@DefaultValue("true") boolean trackCommits) {

}
