package dev.ridertrack.tracking.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberAssignment;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupSubtopologyDescription;
import org.apache.kafka.clients.admin.SupportedVersionRange;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ridertrack.tracking.kafka.ClusterView.Broker;
import dev.ridertrack.tracking.kafka.ClusterView.Feature;
import dev.ridertrack.tracking.kafka.ClusterView.Quorum;
import dev.ridertrack.tracking.kafka.ClusterView.Replica;
import dev.ridertrack.tracking.kafka.GroupView.Member;
import dev.ridertrack.tracking.kafka.GroupView.Status;
import dev.ridertrack.tracking.kafka.GroupView.TopicPartitionRef;
import dev.ridertrack.tracking.kafka.LagEvaluator.Observation;
import dev.ridertrack.tracking.kafka.LagEvaluator.Offsets;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The one Admin-client poll loop of this process: one thread, one round of Admin calls
 * every poll interval (faster while a group rebalances), an immutable
 * {@link ClusterSnapshot} after each. Requests only read the latest snapshot, so any
 * number of open pages costs the cluster nothing more. Topic configs and log-dir sizes
 * are refreshed less often. When the cluster cannot be reached the last snapshot stays,
 * marked unreachable with the reason.
 * <p>
 * One piece on purpose, for now: every round's state (the previous snapshot, brokers seen
 * before, unowned-since times, the commit log's consumer) belongs to the one watcher
 * thread, so no lock is needed. The pure parts already stand alone ({@link LagEvaluator},
 * {@link TimelineNarrator}, {@link OffsetCommitParser}); the natural next split is one
 * reader per kind of Admin call (brokers and quorum, topics, groups), each returning its
 * part of the snapshot.
 */
@Component
class ClusterWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterWatcher.class);

	/**
	 * Nobody read a snapshot for this long (no page, no API client, no lesson): poll
	 * every {@link #UNWATCHED_POLL} instead, as the rounds are most of an idle stack's
	 * Admin traffic (issue 14). The first read wakes the loop at once.
	 */
	static final Duration UNWATCHED_AFTER = Duration.ofMinutes(1);

	static final Duration UNWATCHED_POLL = Duration.ofSeconds(30);

	static final List<String> CONFIGS = List.of("retention.ms", "retention.bytes", "cleanup.policy",
			"min.insync.replicas", "compression.type", "segment.bytes");

	private final KafkaAdmin kafkaAdmin;

	private final KafkaPageProperties properties;

	private final Clock clock;

	private final LagEvaluator evaluator;

	private final LagHistory history;

	private final Timeline timeline;

	private final TimelineNarrator narrator = new TimelineNarrator();

	private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();

	private volatile boolean running;

	private volatile long lastReadMillis;

	private volatile boolean unwatched;

	private ScheduledExecutorService executor;

	private ScheduledFuture<?> nextRound;

	private Admin admin;

	private CommitLog commits;

	// state of the watcher's thread only
	private final Map<Integer, Node> brokersSeen = new TreeMap<>();

	private final Map<String, Map<String, String>> configs = new HashMap<>();

	private final Map<TopicPartition, Long> sizes = new HashMap<>();

	private Instant slowRefreshedAt;

	private final Map<TopicPartition, Long> previousEnds = new HashMap<>();

	private Instant previousEndsAt;

	private final Map<String, Deque<Observation>> windows = new HashMap<>();

	ClusterWatcher(KafkaAdmin kafkaAdmin, KafkaPageProperties properties, Clock clock) {
		this.kafkaAdmin = kafkaAdmin;
		this.properties = properties;
		this.clock = clock;
		this.evaluator = new LagEvaluator(properties.statusWindow());
		this.history = new LagHistory(properties.history());
		this.timeline = new Timeline(properties.history(), properties.timelineEvents());
	}

	ClusterSnapshot snapshot() {
		read();
		return this.snapshot;
	}

	private void read() {
		this.lastReadMillis = this.clock.millis();
		if (this.unwatched) {
			wake();
		}
	}

	/** A reader came back: the next round now, not at the end of the slow wait. */
	private synchronized void wake() {
		if (this.unwatched && this.running && this.nextRound != null && this.nextRound.cancel(false)) {
			this.unwatched = false;
			this.nextRound = this.executor.schedule(this::round, 0, TimeUnit.MILLISECONDS);
		}
	}

	LagHistory history() {
		read();
		return this.history;
	}

	Timeline timeline() {
		read();
		return this.timeline;
	}

	KafkaPageProperties properties() {
		return this.properties;
	}

	@Override
	public synchronized void start() {
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		int timeout = (int) this.properties.adminTimeout().toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(config) + "-kafka-page");
		this.admin = Admin.create(config);
		if (this.properties.trackCommits()) {
			this.commits = new CommitLog(new KafkaConsumer<>(consumerConfig(config)));
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kafka-page-watcher");
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		this.lastReadMillis = this.clock.millis();
		this.executor.execute(this::round);
	}

	private static String clientId(Map<String, Object> config) {
		Object id = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
		return (id != null) ? id.toString() : "tracking-service";
	}

	private static Map<String, Object> consumerConfig(Map<String, Object> adminConfig) {
		Map<String, Object> config = new HashMap<>();
		adminConfig.forEach((key, value) -> {
			// connection and security settings only: the rest is the Admin client's
			if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
					|| key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.")
					|| key.startsWith("ssl.")) {
				config.put(key, value);
			}
		});
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(adminConfig) + "-kafka-page-commits");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		return config;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(this.properties.adminTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.commits != null) {
			this.commits.close();
		}
		this.admin.close(Duration.ofSeconds(2));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void round() {
		long delay = this.properties.pollInterval().toMillis();
		try {
			ClusterSnapshot before = this.snapshot;
			ClusterSnapshot after = poll();
			this.snapshot = after;
			this.timeline.addAll(this.narrator.diff(before, after), after.polledAt());
			if (after.groups().values().stream().anyMatch(GroupView::rebalancing)) {
				delay = Math.min(delay, this.properties.rebalancePollInterval().toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			String why = describe(ex);
			if (this.snapshot.cluster().reachable()) {
				log.warn("Kafka page: the cluster cannot be reached: {}", why);
			}
			this.snapshot = this.snapshot.unreachable(why);
		}
		catch (Throwable ex) {
			log.error("Kafka page: a poll round failed", ex);
			this.snapshot = this.snapshot.unreachable(describe(ex));
		}
		finally {
			scheduleNext(delay);
		}
	}

	private synchronized void scheduleNext(long delay) {
		if (!this.running || this.executor.isShutdown()) {
			return;
		}
		this.unwatched = this.clock.millis() - this.lastReadMillis > UNWATCHED_AFTER.toMillis();
		long wait = this.unwatched ? Math.max(delay, UNWATCHED_POLL.toMillis()) : delay;
		this.nextRound = this.executor.schedule(this::round, wait, TimeUnit.MILLISECONDS);
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
			return "no answer from the cluster within the Admin timeout (" + cause.getClass().getSimpleName() + ": "
					+ cause.getMessage() + ")";
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private <T> T get(KafkaFuture<T> future) throws Exception {
		return future.get(this.properties.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** An answer the page can do without: {@code null} when it fails. */
	private <T> T optional(KafkaFuture<T> future, String what) throws InterruptedException {
		try {
			return get(future);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			log.debug("Kafka page: {} failed: {}", what, describe(ex));
			return null;
		}
	}

	ClusterSnapshot poll() throws Exception {
		Instant now = this.clock.instant();
		DescribeClusterResult described = this.admin.describeCluster();
		Collection<Node> nodes = get(described.nodes());
		String clusterId = get(described.clusterId());
		Node anyController = optional(described.controller(), "controller");
		QuorumInfo quorum = optional(this.admin.describeMetadataQuorum().quorumInfo(), "describeMetadataQuorum");
		FeatureMetadata features = optional(this.admin.describeFeatures().featureMetadata(), "describeFeatures");
		Map<String, TopicListing> listings = get(
				this.admin.listTopics(new ListTopicsOptions().listInternal(true)).namesToListings());
		Map<String, TopicDescription> topics = new TreeMap<>();
		this.admin.describeTopics(listings.keySet()).topicNameValues().forEach((name, future) -> {
			try {
				topics.put(name, get(future));
			}
			catch (Exception ex) {
				// deleted between the listing and the description
			}
		});
		Map<TopicPartition, TopicPartitionInfo> partitions = new LinkedHashMap<>();
		topics.values()
			.forEach((t) -> t.partitions()
				.forEach((p) -> partitions.put(new TopicPartition(t.name(), p.partition()), p)));
		List<TopicPartition> led = partitions.entrySet()
			.stream()
			.filter((e) -> e.getValue().leader() != null && !e.getValue().leader().isEmpty())
			.map(Map.Entry::getKey)
			.toList();
		Map<TopicPartition, Long> starts = offsets(led, OffsetSpec.earliest());
		Map<TopicPartition, Long> ends = offsets(led, OffsetSpec.latest());
		boolean slowDue = this.slowRefreshedAt == null
				|| !now.isBefore(this.slowRefreshedAt.plus(this.properties.slowRefresh()));
		refreshConfigs(slowDue ? topics.keySet()
				: topics.keySet().stream().filter((t) -> !this.configs.containsKey(t)).toList());
		this.configs.keySet().retainAll(topics.keySet());
		if (slowDue) {
			refreshSizes(nodes, partitions);
			this.slowRefreshedAt = now;
		}
		Map<TopicPartition, Double> rates = rates(ends, now);
		for (Node node : nodes) {
			this.brokersSeen.put(node.id(), node);
		}
		Integer controllerId = (quorum != null) ? Integer.valueOf(quorum.leaderId())
				: (anyController != null) ? anyController.id() : null;
		ClusterView cluster = cluster(now, clusterId, controllerId, nodes, quorum, features, partitions);
		Map<String, TopicView> topicViews = new TreeMap<>();
		for (TopicDescription topic : topics.values()) {
			TopicListing listing = listings.get(topic.name());
			topicViews.put(topic.name(),
					topicView(now, topic, listing != null && listing.isInternal(), starts, ends, rates));
		}
		Map<String, GroupView> groups = groups(now, ends);
		if (this.commits != null) {
			try {
				this.commits.drain(now);
				this.commits.retainGroups(groups.keySet());
			}
			catch (InterruptException ex) {
				throw new InterruptedException();
			}
			catch (RuntimeException ex) {
				log.debug("Kafka page: reading commit times failed: {}", describe(ex));
			}
		}
		Map<String, GroupView> judged = new TreeMap<>();
		groups.forEach((name, group) -> judged.put(name, judge(group)));
		this.windows.keySet().retainAll(groups.keySet());
		this.history.retain(groups.keySet(), now);
		return ClusterSnapshot.of(cluster, topicViews, judged);
	}

	private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		if (partitions.isEmpty()) {
			return offsets;
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((tp) -> request.put(tp, spec));
		ListOffsetsResult result = this.admin.listOffsets(request);
		for (TopicPartition tp : partitions) {
			ListOffsetsResult.ListOffsetsResultInfo info = optional(result.partitionResult(tp), "listOffsets " + tp);
			if (info != null) {
				offsets.put(tp, info.offset());
			}
		}
		return offsets;
	}

	private void refreshConfigs(Collection<String> topics) throws InterruptedException {
		if (topics.isEmpty()) {
			return;
		}
		List<ConfigResource> resources = topics.stream()
			.map((t) -> new ConfigResource(ConfigResource.Type.TOPIC, t))
			.toList();
		Map<ConfigResource, KafkaFuture<Config>> values = this.admin.describeConfigs(resources).values();
		for (Map.Entry<ConfigResource, KafkaFuture<Config>> entry : values.entrySet()) {
			Config config = optional(entry.getValue(), "describeConfigs");
			if (config == null) {
				continue;
			}
			Map<String, String> kept = new TreeMap<>();
			for (String name : CONFIGS) {
				ConfigEntry value = config.get(name);
				if (value != null) {
					kept.put(name, value.value());
				}
			}
			this.configs.put(entry.getKey().name(), kept);
		}
	}

	private void refreshSizes(Collection<Node> nodes, Map<TopicPartition, TopicPartitionInfo> partitions)
			throws InterruptedException {
		Map<Integer, Map<String, LogDirDescription>> dirs = optional(
				this.admin.describeLogDirs(nodes.stream().map(Node::id).toList()).allDescriptions(), "describeLogDirs");
		if (dirs == null) {
			return;
		}
		this.sizes.clear();
		// a partition's size is its leader replica's (every in-sync replica holds the
		// same)
		partitions.forEach((tp, info) -> {
			Integer leader = (info.leader() != null && !info.leader().isEmpty()) ? info.leader().id() : null;
			Long size = null;
			for (Map.Entry<Integer, Map<String, LogDirDescription>> broker : dirs.entrySet()) {
				for (LogDirDescription dir : broker.getValue().values()) {
					ReplicaInfo replica = dir.replicaInfos().get(tp);
					if (replica == null || replica.isFuture()) {
						continue;
					}
					if (broker.getKey().equals(leader) || size == null) {
						size = replica.size();
					}
				}
			}
			if (size != null) {
				this.sizes.put(tp, size);
			}
		});
	}

	private Map<TopicPartition, Double> rates(Map<TopicPartition, Long> ends, Instant now) {
		Map<TopicPartition, Double> rates = new HashMap<>();
		if (this.previousEndsAt != null) {
			double seconds = Duration.between(this.previousEndsAt, now).toMillis() / 1000.0;
			if (seconds > 0) {
				ends.forEach((tp, end) -> {
					Long before = this.previousEnds.get(tp);
					if (before != null && end >= before) {
						rates.put(tp, Math.round((end - before) / seconds * 10) / 10.0);
					}
				});
			}
		}
		this.previousEnds.clear();
		this.previousEnds.putAll(ends);
		this.previousEndsAt = now;
		return rates;
	}

	private ClusterView cluster(Instant now, String clusterId, Integer controllerId, Collection<Node> nodes,
			QuorumInfo quorum, FeatureMetadata features, Map<TopicPartition, TopicPartitionInfo> partitions) {
		Set<Integer> up = new TreeSet<>();
		nodes.forEach((n) -> up.add(n.id()));
		Map<Integer, Integer> leaderFor = new HashMap<>();
		Map<Integer, Integer> replicaFor = new HashMap<>();
		partitions.values().forEach((p) -> {
			if (p.leader() != null && !p.leader().isEmpty()) {
				leaderFor.merge(p.leader().id(), 1, Integer::sum);
			}
			p.replicas().forEach((r) -> replicaFor.merge(r.id(), 1, Integer::sum));
		});
		List<Broker> brokers = this.brokersSeen.values()
			.stream()
			.map((n) -> new Broker(n.id(), n.host(), n.port(), n.rack(), up.contains(n.id()),
					controllerId != null && controllerId == n.id(), leaderFor.getOrDefault(n.id(), 0),
					replicaFor.getOrDefault(n.id(), 0)))
			.toList();
		Quorum quorumView = null;
		if (quorum != null) {
			long leaderEnd = quorum.voters()
				.stream()
				.filter((v) -> v.replicaId() == quorum.leaderId())
				.mapToLong(QuorumInfo.ReplicaState::logEndOffset)
				.findFirst()
				.orElse(quorum.highWatermark());
			quorumView = new Quorum(quorum.leaderId(), quorum.leaderEpoch(), quorum.highWatermark(),
					replicas(quorum.voters(), leaderEnd, now), replicas(quorum.observers(), leaderEnd, now));
		}
		List<Feature> featureViews = new ArrayList<>();
		Integer metadataLevel = null;
		if (features != null) {
			Set<String> names = new TreeSet<>(features.finalizedFeatures().keySet());
			names.addAll(features.supportedFeatures().keySet());
			for (String name : names) {
				FinalizedVersionRange finalized = features.finalizedFeatures().get(name);
				SupportedVersionRange supported = features.supportedFeatures().get(name);
				int level = (finalized != null) ? finalized.maxVersionLevel() : 0;
				featureViews.add(new Feature(name, level,
						(supported != null) ? supported.minVersion()
								: (finalized != null) ? finalized.minVersionLevel() : 0,
						(supported != null) ? supported.maxVersion() : level));
				if (name.equals("metadata.version") && finalized != null) {
					metadataLevel = level;
				}
			}
		}
		KafkaVersions.Versions versions = KafkaVersions.of(metadataLevel);
		return new ClusterView(now, clusterId, true, null, controllerId, brokers, quorumView, versions.kafkaVersion(),
				versions.metadataVersion(), featureViews);
	}

	private static List<Replica> replicas(List<QuorumInfo.ReplicaState> states, long leaderEnd, Instant now) {
		return states.stream()
			.map((s) -> new Replica(s.replicaId(), s.logEndOffset(), Math.max(0, leaderEnd - s.logEndOffset()),
					s.lastCaughtUpTimestamp().isPresent()
							? Math.max(0, now.toEpochMilli() - s.lastCaughtUpTimestamp().getAsLong()) : null))
			.sorted(Comparator.comparingInt(Replica::id))
			.toList();
	}

	private TopicView topicView(Instant now, TopicDescription topic, boolean internal, Map<TopicPartition, Long> starts,
			Map<TopicPartition, Long> ends, Map<TopicPartition, Double> rates) {
		List<TopicView.Partition> views = new ArrayList<>();
		int underReplicated = 0;
		int offline = 0;
		long messages = 0;
		Long size = null;
		Double rate = null;
		int replication = 0;
		for (TopicPartitionInfo info : topic.partitions()) {
			TopicPartition tp = new TopicPartition(topic.name(), info.partition());
			Integer leader = (info.leader() != null && !info.leader().isEmpty()) ? info.leader().id() : null;
			List<Integer> replicas = info.replicas().stream().map(Node::id).toList();
			List<Integer> isr = info.isr().stream().map(Node::id).toList();
			boolean under = isr.size() < replicas.size();
			underReplicated += under ? 1 : 0;
			offline += (leader == null) ? 1 : 0;
			replication = Math.max(replication, replicas.size());
			Long start = starts.get(tp);
			Long end = ends.get(tp);
			if (start != null && end != null) {
				messages += Math.max(0, end - start);
			}
			Long partitionSize = this.sizes.get(tp);
			if (partitionSize != null) {
				size = ((size != null) ? size : 0) + partitionSize;
			}
			Double partitionRate = rates.get(tp);
			if (partitionRate != null) {
				rate = ((rate != null) ? rate : 0) + partitionRate;
			}
			views.add(new TopicView.Partition(info.partition(), leader, replicas, isr, under, leader == null, start,
					end, partitionSize, partitionRate));
		}
		if (rate != null) {
			rate = Math.round(rate * 10) / 10.0;
		}
		return new TopicView(now, topic.name(), TopicKind.of(topic.name(), internal || topic.isInternal()),
				topic.partitions().size(), replication, underReplicated, offline, messages, size, rate,
				this.configs.getOrDefault(topic.name(), Map.of()), views);
	}

	private Map<String, GroupView> groups(Instant now, Map<TopicPartition, Long> ends) throws Exception {
		Collection<GroupListing> listed = get(this.admin.listGroups().all());
		Map<String, GroupListing> consumerLike = new TreeMap<>();
		Map<String, GroupListing> share = new TreeMap<>();
		Map<String, GroupListing> streams = new TreeMap<>();
		for (GroupListing listing : listed) {
			GroupType type = listing.type().orElse(GroupType.CLASSIC);
			switch (type) {
				case SHARE -> share.put(listing.groupId(), listing);
				case STREAMS -> streams.put(listing.groupId(), listing);
				default -> consumerLike.put(listing.groupId(), listing);
			}
		}
		Map<String, GroupView> views = new TreeMap<>();
		if (!consumerLike.isEmpty()) {
			Map<String, KafkaFuture<ConsumerGroupDescription>> described = this.admin
				.describeConsumerGroups(consumerLike.keySet())
				.describedGroups();
			Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
			consumerLike.keySet().forEach((g) -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
			var offsets = this.admin.listConsumerGroupOffsets(specs);
			for (GroupListing listing : consumerLike.values()) {
				String id = listing.groupId();
				ConsumerGroupDescription description = optional(described.get(id), "describeConsumerGroups " + id);
				Map<TopicPartition, OffsetAndMetadata> committed = optional(offsets.partitionsToOffsetAndMetadata(id),
						"listConsumerGroupOffsets " + id);
				List<Member> members = new ArrayList<>();
				String assignor = "";
				String state = listing.groupState().map(Enum::name).orElse("UNKNOWN");
				Integer coordinator = null;
				if (description != null) {
					for (MemberDescription member : description.members()) {
						members.add(member(member.consumerId(), member.clientId(), member.host(),
								member.assignment().topicPartitions()));
					}
					assignor = (description.partitionAssignor() != null) ? description.partitionAssignor() : "";
					state = description.groupState().name();
					coordinator = (description.coordinator() != null) ? description.coordinator().id() : null;
				}
				views.put(id, groupView(now, listing, protocol(listing, assignor), state, coordinator, members,
						committed, ends));
			}
		}
		if (!share.isEmpty()) {
			Map<String, KafkaFuture<ShareGroupDescription>> described = this.admin.describeShareGroups(share.keySet())
				.describedGroups();
			for (GroupListing listing : share.values()) {
				ShareGroupDescription description = optional(described.get(listing.groupId()), "describeShareGroups");
				List<Member> members = new ArrayList<>();
				String state = listing.groupState().map(Enum::name).orElse("UNKNOWN");
				Integer coordinator = null;
				if (description != null) {
					for (ShareMemberDescription member : description.members()) {
						members.add(member(member.consumerId(), member.clientId(), member.host(),
								member.assignment().topicPartitions()));
					}
					state = description.groupState().name();
					coordinator = (description.coordinator() != null) ? description.coordinator().id() : null;
				}
				// share groups have no committed offsets: records are acknowledged one by
				// one
				views.put(listing.groupId(),
						groupView(now, listing, protocol(listing, ""), state, coordinator, members, null, ends));
			}
		}
		if (!streams.isEmpty()) {
			Map<String, KafkaFuture<StreamsGroupDescription>> described = this.admin
				.describeStreamsGroups(streams.keySet())
				.describedGroups();
			Map<String, ListStreamsGroupOffsetsSpec> specs = new HashMap<>();
			streams.keySet().forEach((g) -> specs.put(g, new ListStreamsGroupOffsetsSpec()));
			var offsets = this.admin.listStreamsGroupOffsets(specs);
			for (GroupListing listing : streams.values()) {
				String id = listing.groupId();
				StreamsGroupDescription description = optional(described.get(id), "describeStreamsGroups " + id);
				Map<TopicPartition, OffsetAndMetadata> committed = optional(offsets.partitionsToOffsetAndMetadata(id),
						"listStreamsGroupOffsets " + id);
				List<Member> members = new ArrayList<>();
				String state = listing.groupState().map(Enum::name).orElse("UNKNOWN");
				Integer coordinator = null;
				if (description != null) {
					Map<String, List<String>> sources = new HashMap<>();
					for (StreamsGroupSubtopologyDescription sub : description.subtopologies()) {
						List<String> topics = new ArrayList<>(sub.sourceTopics());
						topics.addAll(sub.repartitionSourceTopics().keySet());
						sources.put(sub.subtopologyId(), topics);
					}
					for (StreamsGroupMemberDescription member : description.members()) {
						Set<TopicPartition> owned = new HashSet<>();
						for (StreamsGroupMemberAssignment.TaskIds task : member.assignment().activeTasks()) {
							for (String topic : sources.getOrDefault(task.subtopologyId(), List.of())) {
								task.partitions().forEach((p) -> owned.add(new TopicPartition(topic, p)));
							}
						}
						members.add(member(member.memberId(), member.clientId(), member.clientHost(), owned));
					}
					state = description.groupState().name();
					coordinator = (description.coordinator() != null) ? description.coordinator().id() : null;
				}
				views.put(id,
						groupView(now, listing, protocol(listing, ""), state, coordinator, members, committed, ends));
			}
		}
		return views;
	}

	private static String protocol(GroupListing listing, String assignor) {
		String type = (listing.protocol() != null) ? listing.protocol() : "";
		if (assignor.isEmpty()) {
			return type;
		}
		return type.isEmpty() ? assignor : type + " / " + assignor;
	}

	private static Member member(String id, String clientId, String host, Collection<TopicPartition> owned) {
		List<TopicPartitionRef> assignment = owned.stream()
			.map((tp) -> new TopicPartitionRef(tp.topic(), tp.partition()))
			.sorted(Comparator.comparing(TopicPartitionRef::topic).thenComparingInt(TopicPartitionRef::partition))
			.toList();
		return new Member(id, clientId, host, ProcessNames.processOf(clientId), assignment, assignment.isEmpty());
	}

	private static GroupView groupView(Instant now, GroupListing listing, String protocol, String state,
			Integer coordinator, List<Member> members, Map<TopicPartition, OffsetAndMetadata> committed,
			Map<TopicPartition, Long> ends) {
		Map<TopicPartitionRef, Member> owners = new HashMap<>();
		members.forEach((m) -> m.assignment().forEach((ref) -> owners.put(ref, m)));
		Set<TopicPartitionRef> refs = new TreeSet<>(
				Comparator.comparing(TopicPartitionRef::topic).thenComparingInt(TopicPartitionRef::partition));
		refs.addAll(owners.keySet());
		Map<TopicPartitionRef, Long> offsets = new HashMap<>();
		if (committed != null) {
			committed.forEach((tp, offset) -> {
				if (offset != null) {
					TopicPartitionRef ref = new TopicPartitionRef(tp.topic(), tp.partition());
					refs.add(ref);
					offsets.put(ref, offset.offset());
				}
			});
		}
		List<GroupView.Partition> partitions = new ArrayList<>();
		Long total = null;
		for (TopicPartitionRef ref : refs) {
			Member owner = owners.get(ref);
			Long offset = offsets.get(ref);
			Long end = ends.get(new TopicPartition(ref.topic(), ref.partition()));
			Long lag = (offset != null && end != null) ? Math.max(0, end - offset) : null;
			if (lag != null) {
				total = ((total != null) ? total : 0) + lag;
			}
			partitions
				.add(new GroupView.Partition(ref.topic(), ref.partition(), (owner != null) ? owner.memberId() : null,
						(owner != null) ? owner.process() : null, offset, end, lag));
		}
		List<String> topics = refs.stream().map(TopicPartitionRef::topic).distinct().toList();
		String type = listing.type().orElse(GroupType.CLASSIC).name();
		List<Member> sorted = members.stream()
			.sorted(Comparator.comparing(Member::displayName, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(Member::memberId))
			.toList();
		return new GroupView(now, listing.groupId(), type, protocol, state, coordinator, members.size(), topics, total,
				null, sorted, partitions);
	}

	private GroupView judge(GroupView group) {
		Map<TopicPartitionRef, Offsets> observed = new LinkedHashMap<>();
		Map<String, Long> lags = new TreeMap<>();
		for (GroupView.Partition p : group.partitions()) {
			if (p.committedOffset() != null && p.endOffset() != null) {
				observed.put(new TopicPartitionRef(p.topic(), p.partition()),
						new Offsets(p.committedOffset(), p.endOffset()));
				lags.put(p.topic() + "-" + p.partition(), p.lag());
			}
		}
		Deque<Observation> window = this.windows.computeIfAbsent(group.group(), (g) -> new ArrayDeque<>());
		window.addLast(new Observation(group.polledAt(), observed));
		while (window.size() > this.properties.statusWindow()) {
			window.removeFirst();
		}
		if (group.totalLag() != null) {
			this.history.add(group.group(), new LagHistory.Point(group.polledAt(), group.totalLag(), lags));
		}
		Status status = this.evaluator.evaluate(List.copyOf(window),
				(ref) -> (this.commits != null) ? this.commits.lastCommit(group.group(), ref) : null,
				(this.commits != null) ? this.commits.knownSince() : null);
		return group.withStatus(status);
	}

	Optional<TopicView> topic(String name) {
		return Optional.ofNullable(snapshot().topics().get(name));
	}

	Optional<GroupView> group(String name) {
		return Optional.ofNullable(snapshot().groups().get(name));
	}

}
