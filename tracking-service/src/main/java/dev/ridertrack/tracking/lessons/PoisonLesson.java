package dev.ridertrack.tracking.lessons;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Lesson 11: one malformed record on the real {@code rider-locations}. Every group that
 * reads it sends it to {@code rider-locations.DLT} (the platform's error handlers) and
 * moves on. The lesson reads the dead letters back by the record's unique key and each
 * group's committed offsets and lag from the broker.
 */
@Component
class PoisonLesson implements Lesson {

	static final String TOPIC = "rider-locations";

	static final String DEAD_LETTERS = TOPIC + ".DLT";

	/** The header Spring Kafka's dead-letter recoverer names the failing group in. */
	static final String GROUP_HEADER = "kafka_dlt-original-consumer-group";

	private static final Duration WAIT = Duration.ofSeconds(40);

	private final KafkaLessonClients kafka;

	private volatile PoisonOutcome outcome;

	PoisonLesson(KafkaLessonClients kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "poison";
	}

	@Override
	public int number() {
		return 11;
	}

	@Override
	public LessonState state() {
		PoisonOutcome stored = this.outcome;
		// offsets and lag now, so the page watches every group move on
		PoisonOutcome result = (stored != null) ? stored.withGroups(groups(stored.partition())) : null;
		List<LessonState.Block> view = new ArrayList<>();
		List<String> narration = List.of();
		if (result != null) {
			view.add(new LessonState.Table("Dead letters of " + result.key(),
					List.of("consumer group", "DLT partition", "DLT offset", "exception"),
					result.deadLetters()
						.stream()
						.map((d) -> List.of(d.group(), Integer.toString(d.partition()), Long.toString(d.offset()),
								d.exception()))
						.toList()));
			if (!result.deadLetters().isEmpty()) {
				view.add(new LessonState.Table("Headers of the first dead letter", List.of("header", "value"),
						result.deadLetters()
							.get(0)
							.headers()
							.entrySet()
							.stream()
							.map((e) -> List.of(e.getKey(), e.getValue()))
							.toList()));
			}
			view.add(new LessonState.Table("Groups reading " + TOPIC,
					List.of("consumer group", "dead letters", "committed on partition " + result.partition(),
							"moved past the poison record", "lag now"),
					result.groups()
						.stream()
						.map((g) -> List.of(g.group(), Long.toString(result.deadLettersOf(g.group())),
								(g.committed() < 0) ? "-" : Long.toString(g.committed()),
								g.committed() > result.offset() ? "yes" : "no", Long.toString(g.lag())))
						.toList()));
			view.add(new LessonState.Counters("Dead letters per group", result.groups()
				.stream()
				.map((g) -> new LessonState.Counters.Counter(g.group(), Long.toString(result.deadLettersOf(g.group())),
						(result.deadLettersOf(g.group()) == 1 && g.committed() > result.offset()) ? "good" : "bad"))
				.toList()));
			narration = result.narrate();
		}
		return new LessonState(id(), number(), "A poison record",
				"A record no consumer can read must not stop the stream. Every RiderTrack consumer reads values "
						+ "through an error-handling deserializer: a record that is not valid JSON goes to "
						+ DEAD_LETTERS + " with the error in its headers, and the consumer commits past it and "
						+ "goes on.",
				"One record that is not JSON goes to " + TOPIC + ". Expect one dead letter per consumer group that "
						+ "reads the topic, each naming its group in the header " + GROUP_HEADER
						+ ", and every group's lag back to zero.",
				true, null,
				"printf 'lesson-poison:not json' | kafka-console-producer.sh --bootstrap-server localhost:9092 "
						+ "--topic " + TOPIC + " --property parse.key=true --property key.separator=:",
				false,
				List.of(LessonState.Action.button("send", "Send a poison record",
						"sends one record that is not JSON to " + TOPIC + " and follows it to " + DEAD_LETTERS)),
				view, narration, Instant.now());
	}

	@Override
	public synchronized LessonState post(String action, JsonNode body) {
		if (!"send".equals(action)) {
			throw LessonProblem.unknownAction(id(), action);
		}
		Map<TopicPartition, Long> deadLetterEnds = this.kafka.endOffsets(DEAD_LETTERS);
		String key = "lesson-poison-" + UUID.randomUUID().toString().substring(0, 8);
		long sentAt = System.nanoTime();
		RecordMetadata sent = send(key);
		List<PoisonOutcome.DeadLetter> deadLetters = new ArrayList<>();
		List<PoisonOutcome.GroupProgress> groups = List.of();
		Map<String, Object> readerConfig = this.kafka.consumer("unused", "lesson-poison-dlt-reader", Map.of());
		// assigned, not subscribed: it reads the dead letters without joining or
		// committing
		readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(readerConfig)) {
			reader.assign(deadLetterEnds.keySet());
			deadLetterEnds.forEach(reader::seek);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(250))) {
					if (key.equals(record.key())) {
						deadLetters.add(deadLetter(record));
					}
				}
				groups = groups(sent.partition());
				if (!groups.isEmpty() && allMovedOn(groups, deadLetters, sent.offset())) {
					break;
				}
			}
		}
		long tookMs = (System.nanoTime() - sentAt) / 1_000_000;
		this.outcome = new PoisonOutcome(key, sent.partition(), sent.offset(), List.copyOf(deadLetters), groups,
				tookMs);
		return state();
	}

	private static boolean allMovedOn(List<PoisonOutcome.GroupProgress> groups,
			List<PoisonOutcome.DeadLetter> deadLetters, long offset) {
		Set<String> dead = deadLetters.stream().map(PoisonOutcome.DeadLetter::group).collect(Collectors.toSet());
		return groups.stream().allMatch((g) -> g.committed() > offset) && deadLetters.size() >= groups.size()
				&& groups.stream().allMatch((g) -> dead.contains(g.group()) || dead.contains(PoisonOutcome.NO_GROUP));
	}

	private RecordMetadata send(String key) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(this.kafka.producer("lesson-poison"))) {
			return producer.send(new ProducerRecord<>(TOPIC, key, "this is not JSON {lesson 11: a poison record"))
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaLessonClients.LessonKafkaException("interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new KafkaLessonClients.LessonKafkaException(ex.getCause().getMessage(), ex.getCause());
		}
	}

	/**
	 * Every group with members and committed offsets on the topic (a group with no
	 * members reads nothing until it starts), with its committed offset on the poison
	 * record's partition and its lag over the whole topic.
	 */
	private List<PoisonOutcome.GroupProgress> groups(int partition) {
		Map<TopicPartition, Long> ends = this.kafka.endOffsets(TOPIC);
		List<PoisonOutcome.GroupProgress> progress = new ArrayList<>();
		for (GroupListing listing : KafkaLessonClients.get(this.kafka.admin().listGroups().all())) {
			GroupType type = listing.type().orElse(GroupType.UNKNOWN);
			if (type == GroupType.SHARE
					|| listing.groupState().map((s) -> s == GroupState.EMPTY || s == GroupState.DEAD).orElse(false)) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = committed(listing.groupId(), type);
			if (offsets.keySet().stream().noneMatch((tp) -> tp.topic().equals(TOPIC))) {
				continue;
			}
			long lag = 0;
			for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
				OffsetAndMetadata committed = offsets.get(end.getKey());
				lag += end.getValue() - ((committed != null) ? committed.offset() : 0);
			}
			OffsetAndMetadata onPartition = offsets.get(new TopicPartition(TOPIC, partition));
			progress.add(new PoisonOutcome.GroupProgress(listing.groupId(), type.toString(),
					(onPartition != null) ? onPartition.offset() : -1, Math.max(0, lag)));
		}
		progress.sort(java.util.Comparator.comparing(PoisonOutcome.GroupProgress::group));
		return progress;
	}

	private Map<TopicPartition, OffsetAndMetadata> committed(String group, GroupType type) {
		try {
			if (type == GroupType.STREAMS) {
				return KafkaLessonClients.get(this.kafka.admin()
					.listStreamsGroupOffsets(Map.of(group, new ListStreamsGroupOffsetsSpec()))
					.partitionsToOffsetAndMetadata(group));
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = KafkaLessonClients
				.get(this.kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
			Map<TopicPartition, OffsetAndMetadata> present = new LinkedHashMap<>();
			offsets.forEach((tp, om) -> {
				if (om != null) {
					present.put(tp, om);
				}
			});
			return present;
		}
		catch (KafkaLessonClients.LessonKafkaException ex) {
			// the group went away between listing and reading it
			return Map.of();
		}
	}

	private static PoisonOutcome.DeadLetter deadLetter(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), headerValue(header));
		}
		Header group = record.headers().lastHeader(GROUP_HEADER);
		Header exception = record.headers().lastHeader("kafka_dlt-exception-fqcn");
		return new PoisonOutcome.DeadLetter(
				(group != null) ? new String(group.value(), StandardCharsets.UTF_8) : PoisonOutcome.NO_GROUP,
				record.partition(), record.offset(),
				(exception != null) ? new String(exception.value(), StandardCharsets.UTF_8) : "-", headers);
	}

	/**
	 * Spring Kafka writes partitions as 4-byte ints and offsets and times as 8-byte
	 * longs.
	 */
	static String headerValue(Header header) {
		byte[] value = header.value();
		if (value == null) {
			return "";
		}
		String key = header.key();
		if (key.endsWith("-partition") && value.length == 4) {
			return Integer.toString(ByteBuffer.wrap(value).getInt());
		}
		if ((key.endsWith("-offset") || key.endsWith("-timestamp")) && value.length == 8) {
			long number = ByteBuffer.wrap(value).getLong();
			return key.endsWith("-timestamp") ? Instant.ofEpochMilli(number).toString() : Long.toString(number);
		}
		String text = new String(value, StandardCharsets.UTF_8);
		int end = text.indexOf('\n');
		if (end > 0) {
			text = text.substring(0, end) + " …";
		}
		return (text.length() > 160) ? text.substring(0, 160) + " …" : text;
	}

	@Override
	public void reset() {
		// the poison record and its dead letters stay: Kafka deletes no single record,
		// and rider-locations belongs to the tracking system; the lesson only forgets
		// them
		this.outcome = null;
	}

}
