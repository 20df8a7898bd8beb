package dev.ridertrack.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One topic of the catalog: its name, what its keys and values are, and how it is laid
 * out on the brokers.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param name the topic name
 * @param keyType the type of the record keys
 * @param valueType the type of the record values ({@code byte[]} for dead-letter topics)
 * @param partitions the number of partitions
 * @param retention how long records are kept
 * @param compression the producer-side compression the topic stores ({@code producer}
 * keeps whatever the producer sent)
 */
public record TopicSpec<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions, Duration retention,
		String compression) {

	/** Suffix of the dead-letter topic that receives a topic's poison records. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	/**
	 * The dead-letter topic of this topic: same partitions, raw bytes as values.
	 * @return the dead-letter topic's spec
	 */
	public TopicSpec<K, byte[]> deadLetter() {
		return new TopicSpec<>(this.name + DEAD_LETTER_SUFFIX, this.keyType, byte[].class, this.partitions,
				Duration.ofDays(7), "producer");
	}

	/**
	 * Whether this is a dead-letter topic.
	 * @return {@code true} if records here are poison records of another topic
	 */
	public boolean isDeadLetter() {
		return this.name.endsWith(DEAD_LETTER_SUFFIX);
	}

	/**
	 * The topic-level configuration to create the topic with.
	 * @param minInSyncReplicas the {@code min.insync.replicas} to require (1 on a single
	 * broker, 2 on three)
	 * @return config names and values as Kafka's admin API takes them
	 */
	public Map<String, String> config(int minInSyncReplicas) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("retention.ms", Long.toString(this.retention.toMillis()));
		config.put("compression.type", this.compression);
		config.put("min.insync.replicas", Integer.toString(minInSyncReplicas));
		return config;
	}

}
