package dev.ridertrack.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import redis.embedded.RedisServer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The infrastructure of the test JVM. Each part starts the first time a test asks for it
 * and stops when the JVM exits, so test classes share one broker, one Redis and one
 * MongoDB.
 * <p>
 * Which kind runs is chosen by the system property or environment variable
 * {@code RIDERTRACK_TEST_INFRA}: {@code embedded}, {@code containers}, or {@code auto}
 * (the default: containers when a Docker engine answers).
 */
public final class Infrastructure {

	private static final String KAFKA_IMAGE = "apache/kafka:4.3.2";

	private static final String REDIS_IMAGE = "redis:7-alpine";

	private static final String MONGO_IMAGE = "mongo:8";

	/**
	 * How often the broker deletes expired segments: 10 s rather than Kafka's 5 minutes,
	 * so the retention lesson's log start moves while a test watches.
	 */
	private static final String RETENTION_CHECK_MS = "10000";

	private static final boolean CONTAINERS = useContainers();

	private static final String SHARE_VERSION = "share.version";

	private static final List<AutoCloseable> RUNNING = new ArrayList<>();

	private static String kafkaBootstrap;

	private static InetSocketAddress redis;

	private static String mongoUri;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "test-infrastructure-stop"));
	}

	private Infrastructure() {
	}

	/**
	 * Whether this JVM uses Testcontainers rather than the embedded servers.
	 * @return {@code true} with a Docker engine
	 */
	public static boolean usesContainers() {
		return CONTAINERS;
	}

	/**
	 * A running Kafka broker (KRaft) whose brokers never auto-create topics.
	 * @return its bootstrap servers
	 */
	public static synchronized String kafkaBootstrapServers() {
		if (kafkaBootstrap == null) {
			if (CONTAINERS) {
				KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
					.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
					.withEnv("KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS", RETENTION_CHECK_MS)
					.withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
					.withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
				kafka.start();
				RUNNING.add(kafka::stop);
				kafkaBootstrap = kafka.getBootstrapServers();
			}
			else {
				EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1) {

					// spring-kafka-test 4.1.2 calls the test kit's clientProperties(),
					// which Kafka 4.3's kit replaced with bootstrapServers()
					@Override
					public String getBrokersAsString() {
						return getCluster().bootstrapServers();
					}

				};
				// share groups keep their state in an internal topic replicated 3 times
				// by default, which one broker cannot host
				broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "log.retention.check.interval.ms",
						RETENTION_CHECK_MS, "share.coordinator.state.topic.replication.factor", "1",
						"share.coordinator.state.topic.min.isr", "1"));
				broker.afterPropertiesSet();
				RUNNING.add(broker::destroy);
				kafkaBootstrap = broker.getBrokersAsString();
			}
			enableShareGroups(kafkaBootstrap);
		}
		return kafkaBootstrap;
	}

	/**
	 * Share groups (KIP-932) need the {@code share.version} feature at level 1. A cluster
	 * formatted by Kafka 4.2 or later has it; an older one must be upgraded, as
	 * {@code kafka-features.sh upgrade --feature share.version=1} would.
	 */
	private static void enableShareGroups(String bootstrap) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			FinalizedVersionRange finalized = admin.describeFeatures()
				.featureMetadata()
				.get(30, TimeUnit.SECONDS)
				.finalizedFeatures()
				.get(SHARE_VERSION);
			if (finalized == null || finalized.maxVersionLevel() < 1) {
				admin
					.updateFeatures(
							Map.of(SHARE_VERSION, new FeatureUpdate((short) 1, FeatureUpdate.UpgradeType.UPGRADE)),
							new UpdateFeaturesOptions())
					.all()
					.get(30, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not enable share groups on the test broker", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A running Redis server.
	 * @return its address
	 */
	public static synchronized InetSocketAddress redis() {
		if (redis == null) {
			if (CONTAINERS) {
				GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
				container.start();
				RUNNING.add(container::stop);
				redis = InetSocketAddress.createUnresolved(container.getHost(), container.getMappedPort(6379));
			}
			else {
				int port = freePort();
				RedisServer server;
				try {
					server = RedisServer.newRedisServer()
						.port(port)
						.setting("bind 127.0.0.1")
						.setting("save \"\"")
						.setting("appendonly no")
						.build();
					server.start();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("could not start the embedded redis-server", ex);
				}
				RUNNING.add(server::stop);
				redis = InetSocketAddress.createUnresolved("127.0.0.1", port);
			}
		}
		return redis;
	}

	/**
	 * A running MongoDB (or MongoDB-wire-compatible) server.
	 * @return a connection string naming the {@code ridertrack} database
	 */
	public static synchronized String mongoUri() {
		if (mongoUri == null) {
			if (CONTAINERS) {
				MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
				mongo.start();
				RUNNING.add(mongo::stop);
				mongoUri = mongo.getReplicaSetUrl("ridertrack");
			}
			else {
				MongoServer server = new MongoServer(new MemoryBackend());
				server.bind("127.0.0.1", 0);
				InetSocketAddress address = server.getLocalAddress();
				RUNNING.add(server::shutdownNow);
				mongoUri = "mongodb://127.0.0.1:" + address.getPort() + "/ridertrack";
			}
		}
		return mongoUri;
	}

	/**
	 * A TCP port nobody listens on right now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean useContainers() {
		String choice = System.getProperty("RIDERTRACK_TEST_INFRA", System.getenv("RIDERTRACK_TEST_INFRA"));
		String mode = (choice != null) ? choice.toLowerCase(Locale.ROOT) : "auto";
		return switch (mode) {
			case "embedded" -> false;
			case "containers" -> true;
			default -> dockerAvailable();
		};
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static synchronized void stopAll() {
		for (int i = RUNNING.size() - 1; i >= 0; i--) {
			try {
				RUNNING.get(i).close();
			}
			catch (Exception ex) {
				// the JVM is exiting; nothing useful to do with a failed stop
			}
		}
		RUNNING.clear();
	}

}
