package dev.ridertrack.platform.streams;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.OffsetCheckpoint;

import org.springframework.kafka.config.KafkaStreamsCustomizer;

/**
 * Wipes a Streams application's local state, before it starts, when that state was built
 * from changelogs the cluster does not hold: the cluster was wiped
 * ({@code ./ridertrack up
 * --fresh}, a new compose volume) but the state directory survived.
 * <p>
 * Kafka Streams notices ("endOffsetSum=0 smaller than offsetSum", TaskCorruptedException)
 * but under at-least-once it keeps the local RocksDB files and restores the empty
 * changelog on top of them. The old run's state then poses as current: the ETA topology
 * skips every fix whose seq is not above the rider's last seq of the old run, and order
 * ids restart at {@code order-1}, so old orders' data meets new orders of the same id.
 * The first ETAs came only once the riders' seqs had passed the old ones, minutes later.
 * <p>
 * Stale means: a changelog named in a task's checkpoint is missing, or its end offset is
 * not past the checkpointed offset (the offset of the last record the store has). If the
 * cluster cannot be asked, the state is kept: Kafka Streams' own checks still apply.
 */
final class StaleStateGuard implements KafkaStreamsCustomizer {

	private static final Log logger = LogFactory.getLog(StaleStateGuard.class);

	private static final String CHECKPOINT_FILE = ".checkpoint";

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Properties config;

	StaleStateGuard(Properties streamsConfig) {
		this.config = streamsConfig;
	}

	@Override
	public void customize(KafkaStreams streams) {
		File appDir = new File(this.config.getProperty(StreamsConfig.STATE_DIR_CONFIG),
				this.config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
		Map<TopicPartition, Long> checkpoints = checkpoints(appDir);
		if (checkpoints.isEmpty()) {
			// task directories without a checkpoint this guard can read (a store that has
			// not written one yet, or a Kafka version that keeps it elsewhere): stale
			// when the cluster holds none of the application's changelogs at all
			File[] tasks = appDir.listFiles(File::isDirectory);
			if (tasks != null && tasks.length > 0) {
				noChangelogs().ifPresent((reason) -> wipe(streams, appDir, reason));
			}
			return;
		}
		staleness(checkpoints).ifPresent((reason) -> wipe(streams, appDir, reason));
	}

	private static void wipe(KafkaStreams streams, File appDir, String reason) {
		logger.warn("Wiping local state in " + appDir + ": " + reason
				+ "; it belongs to another cluster or an earlier run, and is rebuilt from this cluster");
		streams.cleanUp();
	}

	/**
	 * Why local state cannot be this cluster's when the cluster has no changelog of the
	 * application, if it has none.
	 * @return the reason, or empty when it has some or did not answer
	 */
	Optional<String> noChangelogs() {
		String applicationId = this.config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		try (Admin admin = Admin.create(adminConfig())) {
			Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			boolean any = topics.stream()
				.anyMatch((topic) -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog"));
			return any ? Optional.empty() : Optional.of("the cluster has none of its changelog topics");
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.info("Could not compare local state with the cluster; keeping it: " + ex);
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private Map<String, Object> adminConfig() {
		Map<String, Object> adminConfig = new HashMap<>();
		// bootstrap servers and any security settings, as the application's own clients
		for (String name : AdminClientConfig.configNames()) {
			if (this.config.containsKey(name)) {
				adminConfig.put(name, this.config.get(name));
			}
		}
		adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG,
				this.config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-state-guard");
		return adminConfig;
	}

	/** The changelog offsets recorded in every task directory. */
	static Map<TopicPartition, Long> checkpoints(File appDir) {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		File[] tasks = appDir.listFiles(File::isDirectory);
		if (tasks == null) {
			return offsets;
		}
		for (File task : tasks) {
			File file = new File(task, CHECKPOINT_FILE);
			if (!file.isFile()) {
				continue;
			}
			try {
				offsets.putAll(new OffsetCheckpoint(file).read());
			}
			catch (IOException | RuntimeException ex) {
				// Kafka Streams deals with an unreadable checkpoint itself
				logger.debug("Cannot read " + file, ex);
			}
		}
		return offsets;
	}

	/**
	 * Why the checkpointed state cannot be this cluster's, if it cannot.
	 * @param checkpoints changelog partition to the offset of the last record the local
	 * store holds (negative: unknown)
	 * @return the reason, or empty when the state may be current or the cluster did not
	 * answer
	 */
	Optional<String> staleness(Map<TopicPartition, Long> checkpoints) {
		try (Admin admin = Admin.create(adminConfig())) {
			Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Set<String> missing = new HashSet<>();
			checkpoints.keySet().forEach((partition) -> {
				if (!topics.contains(partition.topic())) {
					missing.add(partition.topic());
				}
			});
			if (!missing.isEmpty()) {
				return Optional.of("its changelogs " + missing + " are not in the cluster");
			}
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			checkpoints.forEach((partition, offset) -> {
				if (offset >= 0) {
					latest.put(partition, OffsetSpec.latest());
				}
			});
			ListOffsetsResult ends = admin.listOffsets(latest);
			for (TopicPartition partition : latest.keySet()) {
				long endOffset = ends.partitionResult(partition)
					.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
					.offset();
				long checkpoint = checkpoints.get(partition);
				if (checkpoint >= endOffset) {
					return Optional.of("changelog " + partition + " ends at offset " + endOffset
							+ " but the local store has data up to offset " + checkpoint);
				}
			}
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return Optional
					.of("a changelog partition it has is not in the cluster (" + ex.getCause().getMessage() + ")");
			}
			logger.info("Could not compare local state with the cluster; keeping it: " + ex.getCause());
			return Optional.empty();
		}
		catch (TimeoutException ex) {
			logger.info("Could not compare local state with the cluster in " + TIMEOUT + "; keeping it");
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
