package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.ridertrack.platform.CatalogTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka side of the stack: the brokers it runs (storage formatted once, then each
 * broker started, stopped together at the end) or the cluster it was pointed at, and the
 * catalog's topics on it, replicated by the one {@link Replication} rule.
 */
final class KafkaCluster {

	private final StackOptions options;

	private final Launcher launcher;

	private final Console console;

	private final Path kafkaDir;

	private final List<ManagedProcess> brokers = new CopyOnWriteArrayList<>();

	private volatile String bootstrapServers;

	private volatile Replication replication;

	KafkaCluster(StackOptions options, Launcher launcher, Console console) {
		this.options = options;
		this.launcher = launcher;
		this.console = console;
		this.kafkaDir = options.dataDir().resolve("kafka");
		if (options.startsBrokers()) {
			this.replication = Replication.forBrokers(options.brokers());
		}
		else {
			this.bootstrapServers = options.kafka();
		}
	}

	/**
	 * Formats the storage of brokers that have none, then starts every broker.
	 * @param launch starts a process (the stack's, which refuses once it is stopping)
	 * @return the brokers, starting
	 */
	List<ManagedProcess> launchBrokers(Consumer<ManagedProcess> launch) {
		int count = this.options.brokers();
		try {
			String clusterId = prepareStorage(count);
			List<ManagedProcess> formats = new ArrayList<>();
			for (int id = 1; id <= count; id++) {
				BrokerConfig config = new BrokerConfig(id, count, this.options.ports(), this.options.host(),
						this.kafkaDir.resolve("broker-" + id));
				Files.writeString(properties(id), config.render());
				if (!Files.exists(config.logDir().resolve("meta.properties"))) {
					ManagedProcess format = this.launcher.formatStorage(id, clusterId, properties(id));
					launch.accept(format);
					formats.add(format);
				}
			}
			for (ManagedProcess format : formats) {
				if (format.waitForExit(Duration.ofMinutes(1)) != 0) {
					throw new StackException("Formatting storage for " + format.name() + " failed:\n"
							+ format.lastLines() + "Full log: " + format.logFile());
				}
			}
			Files.writeString(this.kafkaDir.resolve("brokers"), Integer.toString(count));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> addresses = new ArrayList<>();
		for (int id = 1; id <= count; id++) {
			addresses.add(this.options.host() + ":" + this.options.ports().broker(id));
			ManagedProcess broker = this.launcher.broker(id, properties(id));
			this.brokers.add(broker);
			launch.accept(broker);
		}
		this.bootstrapServers = String.join(",", addresses);
		return List.copyOf(this.brokers);
	}

	private String prepareStorage(int count) throws IOException {
		Path layout = this.kafkaDir.resolve("brokers");
		if (Files.exists(layout) && !Files.readString(layout).trim().equals(Integer.toString(count))) {
			throw new StackException("The data in " + this.kafkaDir + " is for " + Files.readString(layout).trim()
					+ " broker(s), not " + count + ". Use --fresh to start over, or another --data DIR.");
		}
		Path clusterIdFile = this.kafkaDir.resolve("cluster.id");
		if (!Files.exists(clusterIdFile)) {
			Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
		}
		Files.writeString(this.kafkaDir.resolve("log4j2.properties"), BrokerConfig.log4j2());
		return Files.readString(clusterIdFile).trim();
	}

	private Path properties(int id) {
		return this.kafkaDir.resolve("broker-" + id + ".properties");
	}

	/**
	 * Waits until every broker has joined, creates the catalog's topics that are missing,
	 * and waits until every broker can serve every partition of them. The services start
	 * after this, so none of them meets a topic the broker does not know yet; the group
	 * coordinator's offsets topic is created here too, for the same reason.
	 */
	void createTopics() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				60000,
				// each retry of the coordinator lookup below makes the broker log that
				// the offsets topic it has just created already exists: retry less often
				AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 1000))) {
			int nodes = awaitBrokers(admin);
			if (!this.options.startsBrokers()) {
				this.replication = Replication.forBrokers(nodes);
			}
			List<NewTopic> topics = CatalogTopics.newTopics((short) this.replication.factor(),
					this.replication.minInsyncReplicas());
			int created = 0;
			for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
				try {
					result.getValue().get(60, TimeUnit.SECONDS);
					created++;
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new StackException(
								"Could not create topic " + result.getKey() + ": " + ex.getCause().getMessage());
					}
				}
			}
			Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
			awaitLeaders(admin, names);
			// The first consumer group to look for its coordinator creates
			// __consumer_offsets
			// (12 partitions): now, not while six services start.
			admin.listConsumerGroupOffsets("local-stack").partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
			this.console.info("Topics: " + created + " created, " + (topics.size() - created) + " already there ("
					+ this.replication + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackException("Interrupted while creating topics");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new StackException("Kafka at " + this.bootstrapServers + " did not answer: " + ex.getMessage());
		}
	}

	private int awaitBrokers(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
		int expected = this.options.startsBrokers() ? this.options.brokers() : 1;
		Instant deadline = Instant.now().plusSeconds(60);
		int nodes = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
		while (nodes < expected && Instant.now().isBefore(deadline)) {
			// brokers register with the quorum on their own schedule: poll
			Thread.sleep(250);
			nodes = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
		}
		if (nodes < expected) {
			throw new StackException("Only " + nodes + " of " + expected + " brokers joined the cluster");
		}
		return nodes;
	}

	/**
	 * A created topic is known to the controller at once and to the brokers a moment
	 * later: wait until every partition has a leader.
	 */
	private void awaitLeaders(Admin admin, Set<String> names)
			throws InterruptedException, ExecutionException, TimeoutException {
		Instant deadline = Instant.now().plusSeconds(60);
		while (true) {
			try {
				Map<String, TopicDescription> topics = admin.describeTopics(names)
					.allTopicNames()
					.get(60, TimeUnit.SECONDS);
				boolean led = topics.values()
					.stream()
					.flatMap((topic) -> topic.partitions().stream())
					.map(TopicPartitionInfo::leader)
					.allMatch((leader) -> leader != null && !leader.isEmpty());
				if (led) {
					return;
				}
			}
			catch (ExecutionException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw ex;
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new StackException("The catalog's topics had no leader after 60 s");
			}
			// the brokers publish new metadata on their own schedule: poll
			Thread.sleep(100);
		}
	}

	/**
	 * Stops the brokers together. A KRaft broker's controlled shutdown needs a majority
	 * of the controller quorum; once the others have gone the last one can never complete
	 * it (it would wait five minutes), so the minority left is killed: its log is
	 * recovered at the next start, which for a development cluster takes a moment.
	 */
	void stopBrokers() {
		List<ManagedProcess> running = this.brokers.stream().filter(ManagedProcess::isAlive).toList();
		if (running.isEmpty()) {
			return;
		}
		int majority = this.options.brokers() / 2 + 1;
		running.forEach(ManagedProcess::requestStop);
		Instant deadline = Instant.now().plusSeconds(30);
		Instant quorumLostAt = null;
		while (running.stream().anyMatch(ManagedProcess::isAlive)) {
			long alive = running.stream().filter(ManagedProcess::isAlive).count();
			if (alive < majority && quorumLostAt == null) {
				quorumLostAt = Instant.now();
			}
			boolean stuckWithoutQuorum = quorumLostAt != null && Instant.now().isAfter(quorumLostAt.plusSeconds(2));
			if (stuckWithoutQuorum || Instant.now().isAfter(deadline)) {
				running.stream().filter(ManagedProcess::isAlive).forEach((broker) -> {
					this.console.info(broker.name() + (stuckWithoutQuorum
							? " cannot finish a controlled shutdown without a quorum; killing it (its log is recovered at the next start)"
							: " did not stop within 30 s; killing it"));
					broker.kill();
				});
				break;
			}
			try {
				// waiting on other processes to exit, with a deadline to kill them
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				running.forEach(ManagedProcess::kill);
				return;
			}
		}
		running.forEach((broker) -> broker.stop(Duration.ofSeconds(5)));
	}

	List<ManagedProcess> brokers() {
		return this.brokers;
	}

	Optional<ManagedProcess> broker(int id) {
		return this.brokers.stream().filter((b) -> b.instance() == id).findFirst();
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * How topics are replicated on this cluster: known from the start for the stack's own
	 * brokers, from the number of brokers that answered for a cluster it was given.
	 * @return the replication, {@code null} before {@link #createTopics()} on a given
	 * cluster
	 */
	Replication replication() {
		return this.replication;
	}

	/** A broker's description for the ready block. */
	String describe() {
		return this.options.startsBrokers() ? this.options.brokers() + " KRaft broker(s), " + this.replication
				: "yours, " + this.replication;
	}

}
