package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;

/**
 * When each group last committed each partition, read from {@code __consumer_offsets} by
 * a consumer without a group that starts at the end. Driven by the watcher's thread (a
 * consumer is not thread-safe), read by it too.
 */
final class CommitLog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CommitLog.class);

	private static final String TOPIC = "__consumer_offsets";

	private record Key(String group, String topic, int partition) {
	}

	private final Map<Key, Instant> lastCommits = new ConcurrentHashMap<>();

	private final KafkaConsumer<byte[], byte[]> consumer;

	private Instant knownSince;

	CommitLog(KafkaConsumer<byte[], byte[]> consumer) {
		this.consumer = consumer;
	}

	/** Since when commits are known ({@code null} until the log is being read). */
	Instant knownSince() {
		return this.knownSince;
	}

	Instant lastCommit(String group, TopicPartitionRef partition) {
		return this.lastCommits.get(new Key(group, partition.topic(), partition.partition()));
	}

	/** Reads what was committed since the last call. */
	void drain(Instant now) {
		if (this.knownSince == null) {
			List<PartitionInfo> partitions = this.consumer.partitionsFor(TOPIC, Duration.ofSeconds(5));
			if (partitions == null || partitions.isEmpty()) {
				return;
			}
			List<TopicPartition> all = partitions.stream()
				.map((p) -> new TopicPartition(TOPIC, p.partition()))
				.toList();
			this.consumer.assign(all);
			this.consumer.seekToEnd(all);
			// position() resolves the end now, so commits from here on are all seen
			all.forEach(this.consumer::position);
			this.knownSince = now;
			log.debug("Watching commits in {} partitions of {}", all.size(), TOPIC);
		}
		for (int round = 0; round < 50; round++) {
			ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ofMillis((round == 0) ? 20 : 0));
			if (records.isEmpty()) {
				return;
			}
			for (ConsumerRecord<byte[], byte[]> record : records) {
				OffsetCommitParser.parse(record.key(), record.value())
					.ifPresent((commit) -> this.lastCommits.put(
							new Key(commit.group(), commit.topic(), commit.partition()),
							Instant.ofEpochMilli(record.timestamp())));
			}
		}
	}

	/** Forgets groups that no longer exist. */
	void retainGroups(Set<String> groups) {
		this.lastCommits.keySet().removeIf((key) -> !groups.contains(key.group()));
	}

	@Override
	public void close() {
		this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
	}

}
