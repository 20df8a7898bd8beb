package dev.ridertrack.platform;

import java.util.List;

import dev.ridertrack.events.TopicSpec;
import dev.ridertrack.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Turns the topic catalog into the topics to create on a cluster.
 */
public final class CatalogTopics {

	private CatalogTopics() {
	}

	/**
	 * Every topic of the catalog, dead-letter topics included, laid out for a cluster.
	 * @param replicationFactor copies of each partition
	 * @param minInsyncReplicas replicas that must acknowledge an {@code acks=all} write
	 * @return the topics to create
	 */
	public static List<NewTopic> newTopics(short replicationFactor, int minInsyncReplicas) {
		return Topics.all().stream().map((spec) -> newTopic(spec, replicationFactor, minInsyncReplicas)).toList();
	}

	static NewTopic newTopic(TopicSpec<?, ?> spec, short replicationFactor, int minInsyncReplicas) {
		return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.config(minInsyncReplicas));
	}

}
