package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The Kafka clients of lessons 10 to 13: real consumers, producers and one Admin client,
 * configured from Spring's {@code spring.kafka.*} (so they reach the same cluster as the
 * service), and the lessons' own topics laid out for the cluster they run on.
 */
@Component
class KafkaLessonClients implements DisposableBean {

	/** Lesson consumers notice a crashed or departed member in seconds, not 45. */
	static final Map<String, Object> QUICK_GROUP = Map.of(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG, 6000,
			CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicInteger CLIENTS = new AtomicInteger();

	private final KafkaProperties properties;

	private Admin admin;

	KafkaLessonClients(KafkaProperties properties) {
		this.properties = properties;
	}

	/**
	 * A consumer's settings: strings, no auto-commit, from the earliest offset, a short
	 * session (classic protocol only: the consumer protocol takes its timeouts from the
	 * broker and refuses these settings).
	 * @param group the group id
	 * @param clientId the client id (shown by Kafka's tools)
	 * @param settings more settings, applied last
	 * @return the settings
	 */
	Map<String, Object> consumer(String group, String clientId, Map<String, Object> settings) {
		Map<String, Object> config = new HashMap<>(this.properties.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + CLIENTS.incrementAndGet());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.remove(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG);
		config.remove(CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG);
		config.putAll(settings);
		return config;
	}

	/**
	 * A share consumer's settings: only what share consumers accept (the connection, the
	 * group, deserializers), plus the given settings.
	 * @param group the share group
	 * @param clientId the client id
	 * @param settings more settings
	 * @return the settings
	 */
	Map<String, Object> shareConsumer(String group, String clientId, Map<String, Object> settings) {
		Map<String, Object> config = new HashMap<>(this.properties.buildAdminProperties());
		config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + CLIENTS.incrementAndGet());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.putAll(settings);
		return config;
	}

	/**
	 * A producer's settings: strings, acks=all, idempotent, as the service's own.
	 * @param clientId the client id
	 * @return the settings
	 */
	Map<String, Object> producer(String clientId) {
		Map<String, Object> config = new HashMap<>(this.properties.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + CLIENTS.incrementAndGet());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return config;
	}

	synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.properties.buildAdminProperties());
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lessons-admin-" + CLIENTS.incrementAndGet());
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	/**
	 * Creates a lesson topic unless it exists: replication min(3, brokers),
	 * {@code min.insync.replicas} 2 when replicated.
	 * @param name the topic
	 * @param partitions its partitions
	 */
	void createTopic(String name, int partitions) {
		int brokers = get(admin().describeCluster().nodes()).size();
		short replication = (short) Math.min(3, brokers);
		NewTopic topic = new NewTopic(name, partitions, replication)
			.configs(Map.of("min.insync.replicas", (replication > 1) ? "2" : "1"));
		try {
			get(admin().createTopics(List.of(topic)).all());
		}
		catch (LessonKafkaException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
		// the topic is usable once every partition has a leader
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				TopicDescription description = get(admin().describeTopics(List.of(name)).allTopicNames()).get(name);
				if (description.partitions().size() == partitions
						&& description.partitions().stream().allMatch((p) -> p.leader() != null)) {
					return;
				}
			}
			catch (LessonKafkaException ex) {
				// not in the metadata yet
			}
			pause(100);
		}
		throw new LessonKafkaException("topic " + name + " did not come up", null);
	}

	void deleteTopic(String name) {
		try {
			get(admin().deleteTopics(List.of(name)).all());
		}
		catch (LessonKafkaException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
		}
	}

	/**
	 * Empties a topic by moving its log start to its end, so a rerun counts only its own
	 * records.
	 * @param topic the topic
	 */
	void emptyTopic(String topic) {
		Map<TopicPartition, Long> ends = endOffsets(topic);
		get(admin()
			.deleteRecords(ends.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> RecordsToDelete.beforeOffset(e.getValue()))))
			.all());
	}

	void deleteGroups(Collection<String> groups) {
		for (String group : groups) {
			try {
				get(admin().deleteConsumerGroups(List.of(group)).all());
			}
			catch (LessonKafkaException ex) {
				if (!(ex.getCause() instanceof GroupIdNotFoundException)) {
					throw ex;
				}
			}
		}
	}

	Set<TopicPartition> partitions(String topic) {
		TopicDescription description = get(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
		return description.partitions()
			.stream()
			.map((p) -> new TopicPartition(topic, p.partition()))
			.collect(Collectors.toSet());
	}

	Map<TopicPartition, Long> endOffsets(String topic) {
		return offsets(partitions(topic), OffsetSpec.latest());
	}

	Map<TopicPartition, Long> startOffsets(String topic) {
		return offsets(partitions(topic), OffsetSpec.earliest());
	}

	Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap((tp) -> tp, (tp) -> spec));
		return get(admin().listOffsets(request).all()).entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().offset()));
	}

	static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new LessonKafkaException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new LessonKafkaException("Kafka did not answer in " + TIMEOUT.toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LessonKafkaException("interrupted", ex);
		}
	}

	/**
	 * Waits a little on a lesson's own thread: a producer paces its sends, or a loop
	 * polls the broker for a state that has no event to wait on (a group settling). Tests
	 * never sleep; they wait on conditions with Awaitility.
	 * @param millis how long
	 */
	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
	}

	/** A Kafka call of a lesson failed; its cause is Kafka's own exception. */
	static class LessonKafkaException extends RuntimeException {

		LessonKafkaException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
