package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The lesson topics of lessons 1, 2, 3 and 9, and who uses them. Lessons 1 and 2 share
 * {@code lesson-partitions} and the group {@code lesson-group}: a topic is deleted only
 * when the last lesson using it resets, and a lesson that takes the group over first
 * stops the lesson that had it, so two lessons never put members into one group.
 */
@Component
class LessonTopics implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LessonTopics.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaProperties properties;

	private final Object lock = new Object();

	private final Map<String, Set<String>> users = new HashMap<>();

	private final Map<String, Claim> groups = new HashMap<>();

	private volatile Admin admin;

	LessonTopics(KafkaProperties properties) {
		this.properties = properties;
	}

	/**
	 * The cluster's bootstrap servers, for the by-hand commands.
	 * @return e.g. {@code localhost:9092}
	 */
	String bootstrapServers() {
		return String.join(",", this.properties.getBootstrapServers());
	}

	Admin admin() {
		Admin current = this.admin;
		if (current == null) {
			synchronized (this.lock) {
				if (this.admin == null) {
					this.admin = Admin.create(this.properties.buildAdminProperties());
				}
				current = this.admin;
			}
		}
		return current;
	}

	/**
	 * Properties of a lesson's consumer: the application's Kafka settings, the group, a
	 * client id the CLI shows, and quick failure detection for a busy machine.
	 * @param group the group, or {@code null} for a consumer that assigns partitions
	 * @param clientId the client id
	 * @return the properties
	 */
	Map<String, Object> consumerProperties(String group, String clientId) {
		Map<String, Object> config = this.properties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
		return config;
	}

	/**
	 * Properties of a lesson's producer: the application's (acks=all, idempotent).
	 * @param clientId the client id
	 * @return the properties
	 */
	Map<String, Object> producerProperties(String clientId) {
		Map<String, Object> config = this.properties.buildProducerProperties();
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
		return config;
	}

	/**
	 * Creates a topic for a lesson unless it exists, with the catalog's replication rule
	 * (min(3, brokers); min.insync.replicas 2 when replicated), and notes the lesson as
	 * one of its users. Waits out a deletion of the same topic still in progress.
	 * @param topic the topic
	 * @param partitions its partitions
	 * @param config its topic config
	 * @param lesson the lesson's id
	 */
	void create(String topic, int partitions, Map<String, String> config, String lesson) {
		synchronized (this.lock) {
			this.users.computeIfAbsent(topic, (t) -> new HashSet<>()).add(lesson);
		}
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				if (admin().listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
					awaitMetadata(topic);
					return;
				}
				int brokers = admin().describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
				short replication = (short) Math.min(3, brokers);
				Map<String, String> configs = new HashMap<>(config);
				configs.put("min.insync.replicas", (replication > 1) ? "2" : "1");
				admin().createTopics(List.of(new NewTopic(topic, partitions, replication).configs(configs)))
					.all()
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				log.info("lesson {} created topic {} ({} partitions, replication {})", lesson, topic, partitions,
						replication);
				awaitMetadata(topic);
				return;
			}
			catch (ExecutionException ex) {
				// TopicExists right after a delete means "marked for deletion": try again
				if (!(ex.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
					throw new IllegalStateException("could not create " + topic + ": " + ex.getCause(), ex);
				}
				pause();
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("the cluster did not answer in time creating " + topic, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted creating " + topic, ex);
			}
		}
	}

	/**
	 * The lesson no longer uses the topic; the last user's release deletes it.
	 * @param topic the topic
	 * @param lesson the lesson's id
	 * @return whether the topic was deleted
	 */
	boolean release(String topic, String lesson) {
		synchronized (this.lock) {
			Set<String> using = this.users.getOrDefault(topic, new HashSet<>());
			using.remove(lesson);
			if (!using.isEmpty()) {
				return false;
			}
			this.users.remove(topic);
		}
		try {
			admin().deleteTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			log.info("lesson {} deleted topic {}", lesson, topic);
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return false;
			}
			throw new IllegalStateException("could not delete " + topic + ": " + ex.getCause(), ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the cluster did not answer in time deleting " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted deleting " + topic, ex);
		}
	}

	/**
	 * Takes a consumer group for a lesson. The lesson that had it gives it up first (its
	 * {@code giveUp} runs on this thread, outside this helper's lock, so call this while
	 * holding no lock of your own).
	 * @param group the group
	 * @param lesson the lesson taking it
	 * @param giveUp what the lesson does when another takes the group from it
	 * @return the lesson that had the group, or {@code null}
	 */
	String claimGroup(String group, String lesson, Runnable giveUp) {
		Claim previous;
		synchronized (this.lock) {
			previous = this.groups.put(group, new Claim(lesson, giveUp));
		}
		if (previous != null && !previous.lesson().equals(lesson)) {
			previous.giveUp().run();
			return previous.lesson();
		}
		return null;
	}

	/**
	 * The lesson no longer runs members in the group.
	 * @param group the group
	 * @param lesson the lesson
	 */
	void releaseGroup(String group, String lesson) {
		synchronized (this.lock) {
			Claim claim = this.groups.get(group);
			if (claim != null && claim.lesson().equals(lesson)) {
				this.groups.remove(group);
			}
		}
	}

	@Override
	public void destroy() {
		Admin current = this.admin;
		if (current != null) {
			current.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * Waits until every partition of the topic answers on its leader. Right after a topic
	 * is created (above all re-created under the name of one just deleted) the metadata
	 * can name a leader that does not serve the partition yet; an idempotent producer
	 * that writes then gets NOT_LEADER_OR_FOLLOWER, retries, and can end in
	 * OUT_OF_ORDER_SEQUENCE_NUMBER.
	 */
	private void awaitMetadata(String topic) throws InterruptedException, TimeoutException, ExecutionException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				TopicDescription description = admin().describeTopics(List.of(topic))
					.allTopicNames()
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
					.get(topic);
				Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
				description.partitions()
					.forEach((p) -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
				admin().listOffsets(ends).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				return;
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
					throw ex;
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted waiting for the cluster", ex);
		}
	}

	private record Claim(String lesson, Runnable giveUp) {
	}

}
