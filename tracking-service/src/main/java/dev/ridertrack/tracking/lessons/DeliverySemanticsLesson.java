package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 10: the same crash under at-most-once, at-least-once and an idempotent sink,
 * side by side. Each semantics has its own group on {@code lesson-semantics}; its first
 * member crashes in the middle of a batch (closed with no further commit) and a new
 * member resumes from the committed offsets.
 */
@Component
class DeliverySemanticsLesson implements Lesson, DisposableBean {

	static final String TOPIC = "lesson-semantics";

	static final int PARTITIONS = 3;

	private static final int DEFAULT_RECORDS = 300;

	private static final int BATCH = 50;

	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(45);

	private final KafkaLessonClients kafka;

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean stopping;

	private volatile List<DeliverySemanticsOutcome> outcomes = List.of();

	private volatile List<String> narration = List.of();

	private volatile boolean running;

	DeliverySemanticsLesson(KafkaLessonClients kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "delivery-semantics";
	}

	@Override
	public int number() {
		return 10;
	}

	@Override
	public LessonState state() {
		List<LessonState.Block> view = new ArrayList<>();
		List<DeliverySemanticsOutcome> results = this.outcomes;
		if (!results.isEmpty()) {
			view.add(new LessonState.Table("The same crash, three semantics",
					List.of("semantics", "records on the topic", "stored once", "lost", "duplicated", "redelivered"),
					results.stream().map(DeliverySemanticsOutcome::row).toList()));
			view.add(new LessonState.Counters("Lost / duplicated",
					results.stream()
						.map((o) -> new LessonState.Counters.Counter(o.semantics().label(),
								o.lost() + " lost, " + o.duplicated() + " duplicated",
								(o.lost() == 0 && o.duplicated() == 0) ? "good" : "bad"))
						.toList()));
		}
		return new LessonState(id(), number(), "Delivery semantics",
				"When a consumer commits its offset decides what a crash costs. Commit before processing "
						+ "(at-most-once) and a crash loses what was not processed yet; commit after "
						+ "(at-least-once) and the records since the last commit come again. An idempotent sink, "
						+ "which keeps each record id once, turns at-least-once delivery into exactly-once results.",
				"Three groups read the same records from " + TOPIC + " (" + PARTITIONS + " partitions). In each, "
						+ "the first consumer dies in the middle of a batch and a new member takes over from the "
						+ "committed offset. Expect at-most-once to lose records, at-least-once to write some "
						+ "twice, and the idempotent sink to store every record exactly once.",
				true, null, null, this.running,
				List.of(LessonState.Action
					.number("run", "Send and crash", "POST", "records", 30, 3000, DEFAULT_RECORDS,
							"sends this many records with unique ids, runs the three groups "
									+ "with one crash each, and counts the sinks")),
				view, this.narration, Instant.now());
	}

	@Override
	public LessonState post(String action, JsonNode body) {
		if (!"run".equals(action)) {
			throw LessonProblem.unknownAction(id(), action);
		}
		int records = DEFAULT_RECORDS;
		if (body.has("records")) {
			if (!body.get("records").isIntegralNumber() || body.get("records").asInt() < 30
					|| body.get("records").asInt() > 3000) {
				throw LessonProblem.invalid("records must be a whole number from 30 to 3000");
			}
			records = body.get("records").asInt();
		}
		run(records);
		return state();
	}

	private synchronized void run(int records) {
		this.stopping = false;
		this.running = true;
		try {
			this.kafka.createTopic(TOPIC, PARTITIONS);
			// a rerun starts from an empty log and new groups, so the counts are this
			// run's
			this.kafka.emptyTopic(TOPIC);
			this.kafka.deleteGroups(Arrays.stream(DeliverySemantics.values()).map(DeliverySemantics::group).toList());
			List<String> ids = send(records);
			long onTopic = onTopic();
			Map<DeliverySemantics, DeliverySemanticsOutcome> results = new EnumMap<>(DeliverySemantics.class);
			List<Thread> threads = new ArrayList<>();
			for (DeliverySemantics semantics : DeliverySemantics.values()) {
				Thread thread = new Thread(() -> {
					DeliverySemanticsOutcome outcome = consume(semantics, ids, onTopic);
					synchronized (results) {
						results.put(semantics, outcome);
					}
				}, "lesson-semantics-" + semantics.name().toLowerCase(java.util.Locale.ROOT));
				threads.add(thread);
			}
			synchronized (this.workers) {
				this.workers.addAll(threads);
			}
			threads.forEach(Thread::start);
			for (Thread thread : threads) {
				thread.join(RUN_TIMEOUT.toMillis());
			}
			synchronized (results) {
				this.outcomes = List.copyOf(results.values());
			}
			List<String> lines = new ArrayList<>();
			lines.add(records + " records with unique ids went to " + TOPIC + " (" + PARTITIONS + " partitions, "
					+ onTopic + " on the topic read back from the broker); in each group the first consumer "
					+ "crashed in the middle of a batch of at most " + BATCH
					+ " and a new member resumed from the committed offsets.");
			this.outcomes.forEach((o) -> lines.add(o.narrate()));
			this.narration = lines;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			synchronized (this.workers) {
				this.workers.clear();
			}
			this.running = false;
		}
	}

	private List<String> send(int records) {
		List<String> ids = new ArrayList<>();
		String run = Long.toString(System.currentTimeMillis(), 36);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(this.kafka.producer("lesson-semantics"))) {
			for (int i = 0; i < records; i++) {
				String id = run + "-" + i;
				ids.add(id);
				producer.send(new ProducerRecord<>(TOPIC, id, "{\"id\":\"" + id + "\"}"));
			}
			producer.flush();
		}
		return ids;
	}

	private long onTopic() {
		Map<TopicPartition, Long> start = this.kafka.startOffsets(TOPIC);
		return this.kafka.endOffsets(TOPIC)
			.entrySet()
			.stream()
			.mapToLong((e) -> e.getValue() - start.getOrDefault(e.getKey(), 0L))
			.sum();
	}

	/**
	 * One group: the first member crashes mid-batch, a second member finishes the topic.
	 */
	private DeliverySemanticsOutcome consume(DeliverySemantics semantics, List<String> ids, long onTopic) {
		Map<String, Integer> sink = new ConcurrentHashMap<>();
		AtomicLong deliveries = new AtomicLong();
		Set<String> sent = Set.copyOf(ids);
		DeliverySemanticsCrash crash = null;
		long received = 0;
		long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
		try (KafkaConsumer<String, String> first = consumer(semantics, "first")) {
			while (crash == null && !this.stopping && System.nanoTime() < deadline && !caughtUp(first)) {
				ConsumerRecords<String, String> batch = first.poll(Duration.ofMillis(200));
				if (batch.isEmpty()) {
					continue;
				}
				boolean crashHere = received + batch.count() > ids.size() / 3 && batch.count() >= 2;
				if (!semantics.commitAfter()) {
					first.commitSync();
				}
				int limit = crashHere ? batch.count() / 2 : batch.count();
				int written = 0;
				for (ConsumerRecord<String, String> record : batch) {
					if (written == limit) {
						break;
					}
					write(sink, deliveries, semantics, record.key());
					written++;
				}
				if (crashHere) {
					// dies here: no commit of what it wrote; close() with auto-commit off
					// commits nothing, and its replacement starts from the committed
					// offset
					crash = new DeliverySemanticsCrash(batch.count(), written, received);
					break;
				}
				if (semantics.commitAfter()) {
					first.commitSync();
				}
				received += batch.count();
			}
		}
		long resumed = 0;
		try (KafkaConsumer<String, String> second = consumer(semantics, "replacement")) {
			while (!this.stopping && System.nanoTime() < deadline && !caughtUp(second)) {
				ConsumerRecords<String, String> batch = second.poll(Duration.ofMillis(200));
				if (batch.isEmpty()) {
					continue;
				}
				if (!semantics.commitAfter()) {
					second.commitSync();
				}
				for (ConsumerRecord<String, String> record : batch) {
					write(sink, deliveries, semantics, record.key());
				}
				if (semantics.commitAfter()) {
					second.commitSync();
				}
				resumed += batch.count();
			}
		}
		return DeliverySemanticsOutcome.count(semantics, onTopic, sent, sink, deliveries.get(), crash, resumed);
	}

	private static void write(Map<String, Integer> sink, AtomicLong deliveries, DeliverySemantics semantics,
			String id) {
		deliveries.incrementAndGet();
		if (semantics.idempotent()) {
			sink.putIfAbsent(id, 1);
		}
		else {
			sink.merge(id, 1, Integer::sum);
		}
	}

	private KafkaConsumer<String, String> consumer(DeliverySemantics semantics, String member) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(this.kafka.consumer(semantics.group(),
				semantics.group() + "-" + member, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH,
						ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")));
		consumer.subscribe(List.of(TOPIC));
		return consumer;
	}

	/** Whether this member owns every partition and has read each to its end. */
	private boolean caughtUp(KafkaConsumer<String, String> consumer) {
		Set<TopicPartition> assigned = consumer.assignment();
		if (assigned.size() < PARTITIONS) {
			return false;
		}
		Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
		return assigned.stream().allMatch((tp) -> consumer.position(tp) >= ends.get(tp));
	}

	@Override
	public void reset() {
		stopAll();
		this.outcomes = List.of();
		this.narration = List.of();
		this.kafka.deleteGroups(Arrays.stream(DeliverySemantics.values()).map(DeliverySemantics::group).toList());
		this.kafka.deleteTopic(TOPIC);
	}

	private void stopAll() {
		this.stopping = true;
		List<Thread> threads;
		synchronized (this.workers) {
			threads = List.copyOf(this.workers);
		}
		for (Thread thread : threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void destroy() {
		stopAll();
	}

}
