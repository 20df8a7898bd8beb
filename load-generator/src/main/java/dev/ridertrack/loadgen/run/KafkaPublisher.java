package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends fixes and order events straight to Kafka with one producer: the scale mode, and
 * the simulated order system in every mode. Every send's outcome is counted; failures are
 * logged.
 */
final class KafkaPublisher implements FixSink {

	private static final Log logger = LogFactory.getLog(KafkaPublisher.class);

	/** How long a batch waits for more fixes at a low rate (see {@link #lingerMs}). */
	static final int LINGER_MS = 50;

	/** How long a batch waits for more fixes from {@link #FAST_FIXES_PER_SECOND}. */
	static final int FAST_LINGER_MS = 20;

	/** The rate from which {@link #FAST_LINGER_MS} applies. */
	static final double FAST_FIXES_PER_SECOND = 5_000;

	private final Producer<String, Object> producer;

	private final LoadStats stats;

	private final FailureLog fixFailures = new FailureLog(logger, "fix");

	private final FailureLog orderFailures = new FailureLog(logger, "order event");

	/**
	 * A publisher for a run.
	 * @param springProducerProperties Spring's producer settings
	 * @param fixesPerSecond the rate the run starts with, which sets the linger
	 * @param stats where sends are counted
	 */
	KafkaPublisher(Map<String, Object> springProducerProperties, double fixesPerSecond, LoadStats stats) {
		awaitWritableTopics(springProducerProperties);
		this.producer = new KafkaProducer<>(config(springProducerProperties, lingerMs(fixesPerSecond)),
				new StringSerializer(), EventJson.<Object>serializer());
		this.stats = stats;
	}

	/**
	 * Waits until every partition of the topics has a leader, and a few seconds more when
	 * the topics are empty (so probably just created). Seen on Kafka 4.2: a flood of
	 * first batches to a partition created a moment ago is answered
	 * NOT_LEADER_OR_FOLLOWER for the first batch while a later one is accepted, after
	 * which the idempotent producer retries the first one (OUT_OF_ORDER_SEQUENCE_NUMBER)
	 * until the delivery timeout fails it.
	 */
	private static void awaitWritableTopics(Map<String, Object> config) {
		Map<String, Object> adminConfig = new HashMap<>();
		adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
		config.forEach((key, value) -> {
			if (key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
				adminConfig.put(key, value);
			}
		});
		List<String> topics = List.of(Topics.RIDER_LOCATIONS.name(), Topics.ORDER_EVENTS.name());
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Admin admin = Admin.create(adminConfig)) {
			while (true) {
				try {
					Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
					boolean led = described.values()
						.stream()
						.allMatch((d) -> d.partitions().stream().allMatch((p) -> p.leader() != null));
					if (led) {
						Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
						described.values()
							.forEach((d) -> d.partitions()
								.forEach((p) -> ends.put(new TopicPartition(d.name(), p.partition()),
										OffsetSpec.latest())));
						long records = admin.listOffsets(ends)
							.all()
							.get()
							.values()
							.stream()
							.mapToLong((i) -> i.offset())
							.sum();
						if (records == 0) {
							logger.info("Topics are new; letting partition leadership settle before sending");
							Thread.sleep(3_000);
						}
						return;
					}
				}
				catch (ExecutionException ex) {
					// not created yet, or the broker is not up yet
				}
				if (System.nanoTime() > deadline) {
					logger.warn("Topics " + topics + " have no leaders after 60 s; sending anyway");
					return;
				}
				// leadership is the broker's; polling metadata is the only way to see it
				Thread.sleep(500);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How long a batch waits for more fixes at this rate. The generator sends every 10
	 * ms, so each broker gets one produce request per linger. At the default load (400
	 * fixes/s over 12 partitions) a 20 ms linger made produce requests of about one
	 * record per partition, each one answered, replicated and passed on to the consumers
	 * waiting for a byte (issue 14): 50 ms sends 20 requests a second per broker instead
	 * of 50. At the seeds' scenario (20,000 fixes/s) a 20 ms batch holds about 33 fixes
	 * per partition; the 30 more requests a second cost no measurable CPU per fix (70.4
	 * µs against 70.6), and a fix reached the live map 15 ms sooner at the median
	 * ({@code consumed} p50 20–35 ms against 37–44).
	 * @param fixesPerSecond the rate the run starts with
	 * @return the linger in ms
	 */
	static int lingerMs(double fixesPerSecond) {
		return (fixesPerSecond >= FAST_FIXES_PER_SECOND) ? FAST_LINGER_MS : LINGER_MS;
	}

	/**
	 * Spring's producer settings with what a high-rate, lossless producer needs on top:
	 * every write acknowledged by all in-sync replicas, idempotent retries, and large lz4
	 * batches, which is where Kafka's throughput comes from.
	 * @param base Spring's producer settings
	 * @param lingerMs how long a batch waits for more fixes ({@link #lingerMs})
	 * @return a new, modifiable map
	 */
	static Map<String, Object> config(Map<String, Object> base, int lingerMs) {
		Map<String, Object> config = new HashMap<>(base);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "load-generator");
		return config;
	}

	@Override
	public void send(int rider, RiderLocation fix) {
		this.stats.fixesAttempted.increment();
		long started = System.nanoTime();
		try {
			this.producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), fix.riderId(), fix),
					(metadata, ex) -> {
						if (ex == null) {
							this.stats.fixesSent.increment();
							this.stats.recordLatency(System.nanoTime() - started);
						}
						else {
							this.stats.fixesFailed.increment();
							this.fixFailures.failed(fix.fixId(), ex);
						}
					});
		}
		catch (RuntimeException ex) {
			this.stats.fixesFailed.increment();
			this.fixFailures.failed(fix.fixId(), ex);
		}
	}

	void sendOrder(OrderEvent event) {
		try {
			this.producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), event.orderId(), event),
					(metadata, ex) -> {
						if (ex != null) {
							this.stats.orderEventsFailed.increment();
							this.orderFailures.failed(event.orderId() + " " + event.status(), ex);
						}
					});
		}
		catch (RuntimeException ex) {
			this.stats.orderEventsFailed.increment();
			this.orderFailures.failed(event.orderId() + " " + event.status(), ex);
		}
	}

	@Override
	public void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
