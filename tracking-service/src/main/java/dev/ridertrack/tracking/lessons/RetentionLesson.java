package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 9: retention. A topic that keeps records for half a minute in 5-second segments,
 * written to steadily: the log start offset advances as whole segments are deleted, and a
 * consumer asking for a deleted offset gets what auto.offset.reset says.
 */
@Component
class RetentionLesson implements Lesson, DisposableBean {

	static final String ID = "retention";

	static final String TOPIC = "lesson-retention";

	/**
	 * Half a minute rather than the "about a minute" of the issue: with 5-second segments
	 * and a 10-second retention check the first deletion then comes 35 to 50 s after the
	 * start, so the lesson runs in under a minute.
	 */
	static final Duration RETENTION = Duration.ofSeconds(30);

	static final Duration SEGMENT = Duration.ofSeconds(5);

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	private static final List<String> RESETS = List.of("earliest", "latest", "none");

	private static final int SAMPLE_ROWS = 30;

	private static final int NARRATION_LINES = 30;

	private static final Logger log = LoggerFactory.getLogger(RetentionLesson.class);

	private final LessonTopics kafka;

	private final List<String> narration = new CopyOnWriteArrayList<>();

	private final List<List<String>> samples = new CopyOnWriteArrayList<>();

	private final List<List<String>> reads = new CopyOnWriteArrayList<>();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile long logStart = -1;

	private volatile long logEnd = -1;

	private volatile long startedAt;

	private volatile long firstMovedAfterMs = -1;

	private ScheduledExecutorService timer;

	private KafkaProducer<String, String> producer;

	RetentionLesson(LessonTopics kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int number() {
		return 9;
	}

	@Override
	public LessonState post(String action, JsonNode body) {
		return switch (action) {
			case "start" -> start();
			case "read" -> read(body);
			default -> throw LessonProblem.unknownAction(ID, action);
		};
	}

	private synchronized LessonState start() {
		if (this.timer != null) {
			return state();
		}
		this.kafka.create(TOPIC, 1, Map.of("retention.ms", Long.toString(RETENTION.toMillis()), "segment.ms",
				Long.toString(SEGMENT.toMillis()), "cleanup.policy", "delete"), ID);
		say(describeSettings());
		this.producer = new KafkaProducer<>(this.kafka.producerProperties("lesson-retention-producer"),
				new StringSerializer(), new StringSerializer());
		this.startedAt = System.nanoTime();
		this.firstMovedAfterMs = -1;
		this.timer = Executors.newScheduledThreadPool(2, (r) -> PartitionsLesson.daemon(r, "lesson-retention"));
		KafkaProducer<String, String> sending = this.producer;
		AtomicLong seq = new AtomicLong();
		// ten records a second: a few dozen per segment
		this.timer.scheduleAtFixedRate(() -> {
			long n = seq.incrementAndGet();
			sending.send(
					new ProducerRecord<>(TOPIC, "rider-" + (n % 10), "{\"seq\":" + n + ",\"at\":\"" + Instant.now()
							+ "\",\"note\":\"lesson 9: kept for " + RETENTION.toSeconds() + " s\"}"),
					(metadata, ex) -> {
						if (ex != null) {
							this.failed.incrementAndGet();
						}
						else {
							this.produced.incrementAndGet();
						}
					});
		}, 0, 100, TimeUnit.MILLISECONDS);
		this.timer.scheduleWithFixedDelay(this::sample, 1, 2, TimeUnit.SECONDS);
		return state();
	}

	private void sample() {
		try {
			long[] offsets = offsets();
			long previous = this.logStart;
			this.logStart = offsets[0];
			this.logEnd = offsets[1];
			long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startedAt);
			this.samples.add(List.of(clock(elapsedMs), String.valueOf(offsets[0]), String.valueOf(offsets[1]),
					String.valueOf(offsets[1] - offsets[0])));
			while (this.samples.size() > SAMPLE_ROWS) {
				this.samples.remove(0);
			}
			if (previous >= 0 && offsets[0] > previous) {
				if (this.firstMovedAfterMs < 0) {
					this.firstMovedAfterMs = elapsedMs;
				}
				say("At " + clock(elapsedMs) + " the log start moved from " + previous + " to " + offsets[0]
						+ ": segments whose newest record was older than " + RETENTION.toSeconds() + " s were deleted ("
						+ (offsets[0] - previous) + " records gone at once, whole segments; "
						+ (offsets[1] - offsets[0]) + " records kept).");
			}
		}
		catch (RuntimeException ex) {
			log.debug("lesson retention: could not read offsets: {}", ex.toString());
		}
	}

	private LessonState read(JsonNode body) {
		JsonNode choice = body.get("reset");
		String reset = (choice == null || choice.isNull()) ? "earliest" : choice.asString();
		if (!RESETS.contains(reset)) {
			throw LessonProblem.invalid("'reset' must be one of " + RESETS + ".");
		}
		if (this.timer == null) {
			throw LessonProblem.invalid("Start the lesson first: POST /api/v1/lessons/" + ID + "/start.");
		}
		long[] before = offsets();
		Map<String, Object> config = this.kafka.consumerProperties(null, "lesson-retention-reader");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
		String got;
		String line;
		String asked = "Asked for offset 0 with auto.offset.reset=" + reset + "; ";
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(PARTITION));
			consumer.seek(PARTITION, 0);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				records = consumer.poll(Duration.ofMillis(200));
			}
			if (records.isEmpty()) {
				got = "nothing within 15 s";
				line = asked + "the consumer received nothing within 15 s (position " + consumer.position(PARTITION)
						+ ").";
			}
			else {
				long first = records.iterator().next().offset();
				got = "first record at offset " + first;
				line = asked + RetentionNarration.read(reset, before[0], before[1], first);
			}
		}
		catch (OffsetOutOfRangeException ex) {
			got = "OffsetOutOfRangeException";
			line = asked + "offset 0 was deleted (the log starts at " + before[0]
					+ "), and with none the consumer got OffsetOutOfRangeException (" + ex.offsetOutOfRangePartitions()
					+ "): the application itself must decide where to go.";
		}
		this.reads.add(List.of(reset, "0", String.valueOf(before[0]), String.valueOf(before[1]), got));
		say(line);
		return state();
	}

	@Override
	public void reset() {
		stop();
		this.kafka.release(TOPIC, ID);
		this.narration.clear();
		this.samples.clear();
		this.reads.clear();
		this.produced.set(0);
		this.failed.set(0);
		this.logStart = -1;
		this.logEnd = -1;
		this.firstMovedAfterMs = -1;
	}

	@Override
	public void destroy() {
		stop();
	}

	private synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			try {
				this.timer.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.timer = null;
		}
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	@Override
	public LessonState state() {
		boolean running = this.timer != null;
		List<LessonState.Block> view = List.of(
				new LessonState.Counters("lesson-retention now",
						List.of(new LessonState.Counters.Counter("log start",
								(this.logStart >= 0) ? String.valueOf(this.logStart) : "–",
								(this.logStart > 0) ? "good" : null),
								new LessonState.Counters.Counter("log end",
										(this.logEnd >= 0) ? String.valueOf(this.logEnd) : "–", null),
								new LessonState.Counters.Counter(
										"records kept",
										(this.logEnd >= 0) ? String.valueOf(this.logEnd - this.logStart) : "–", null),
								new LessonState.Counters.Counter("log start first moved after",
										(this.firstMovedAfterMs >= 0) ? clock(this.firstMovedAfterMs) : "not yet",
										null),
								new LessonState.Counters.Counter("records produced",
										String.valueOf(this.produced.get()), null),
								new LessonState.Counters.Counter("failed sends", String.valueOf(this.failed.get()),
										(this.failed.get() > 0) ? "bad" : null))),
				new LessonState.Table("Log start and end over time", List.of("time", "log start", "log end", "kept"),
						List.copyOf(this.samples)),
				new LessonState.Table("Reads from offset 0",
						List.of("auto.offset.reset", "asked for", "log start then", "log end then", "consumer got"),
						List.copyOf(this.reads)));
		return new LessonState(ID, 9, "Retention",
				"Kafka does not delete a record when it is read: it deletes whole log segments once their newest"
						+ " record is older than the topic's retention. The log start offset, the oldest offset still"
						+ " there, moves forward; a consumer that asks for an offset before it gets what its"
						+ " auto.offset.reset says.",
				"The log start stays at 0 for about " + (RETENTION.toSeconds() + SEGMENT.toSeconds())
						+ " s, then jumps by a segment's worth of records every few seconds. Reading from 0 afterwards:"
						+ " earliest jumps to the log start, latest to the end, none fails.",
				true, null,
				"kafka-get-offsets.sh --bootstrap-server " + this.kafka.bootstrapServers() + " --topic " + TOPIC
						+ " --time earliest   (and --time latest); kafka-console-consumer.sh --bootstrap-server "
						+ this.kafka.bootstrapServers() + " --topic " + TOPIC
						+ " --partition 0 --offset 0 --consumer-property auto.offset.reset=earliest",
				running, List.of(
						LessonState.Action.button("start", "Start writing",
								"Creates " + TOPIC + " (retention " + RETENTION.toSeconds() + " s, segments of "
										+ SEGMENT.toSeconds() + " s) and writes ten records a second."),
						LessonState.Action.choice("read", "Read from offset 0", "reset", RESETS,
								"A new consumer seeks to offset 0 with this auto.offset.reset."),
						LessonState.Action.button("reset", "Reset", "Stops writing and deletes " + TOPIC + ".")),
				view, List.copyOf(this.narration), Instant.now());
	}

	/** Log start and end offsets of the partition, from the broker. */
	private long[] offsets() {
		try {
			ListOffsetsResult.ListOffsetsResultInfo earliest = this.kafka.admin()
				.listOffsets(Map.of(PARTITION, OffsetSpec.earliest()))
				.partitionResult(PARTITION)
				.get(10, TimeUnit.SECONDS);
			ListOffsetsResult.ListOffsetsResultInfo latest = this.kafka.admin()
				.listOffsets(Map.of(PARTITION, OffsetSpec.latest()))
				.partitionResult(PARTITION)
				.get(10, TimeUnit.SECONDS);
			return new long[] { earliest.offset(), latest.offset() };
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not read the offsets of " + TOPIC + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * The topic's and broker's settings that govern deletion, as the cluster reports
	 * them.
	 */
	private String describeSettings() {
		try {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
			Node node = this.kafka.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS).iterator().next();
			ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
			Map<ConfigResource, Config> configs = this.kafka.admin()
				.describeConfigs(List.of(topic, broker))
				.all()
				.get(10, TimeUnit.SECONDS);
			String retention = value(configs.get(topic), "retention.ms");
			String segment = value(configs.get(topic), "segment.ms");
			String check = value(configs.get(broker), "log.retention.check.interval.ms");
			String text = TOPIC + " as the broker reports it: retention.ms=" + retention + ", segment.ms=" + segment
					+ "; broker " + node.idString()
					+ " looks for expired segments every log.retention.check.interval.ms=" + check + ".";
			if (check != null && Long.parseLong(check) > 60000) {
				text += " That broker checks rarely (Kafka's default is 5 minutes), so the log start will move"
						+ " much later than the retention alone suggests.";
			}
			return text;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return "Created " + TOPIC + " (the broker's settings could not be read back: " + ex + ").";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String value(Config config, String name) {
		ConfigEntry entry = (config != null) ? config.get(name) : null;
		return (entry != null) ? entry.value() : null;
	}

	private void say(String line) {
		this.narration.add(line);
		while (this.narration.size() > NARRATION_LINES) {
			this.narration.remove(0);
		}
	}

	static String clock(long ms) {
		long seconds = ms / 1000;
		return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

}
