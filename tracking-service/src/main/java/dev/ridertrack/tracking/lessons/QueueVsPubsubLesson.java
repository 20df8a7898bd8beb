package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 2: queue versus publish–subscribe. Two groups on lesson 1's topic: each group
 * receives every record of a burst, and inside a group the members share them.
 */
@Component
class QueueVsPubsubLesson implements Lesson, DisposableBean {

	static final String ID = "queue-vs-pubsub";

	static final String GROUP_A = PartitionsLesson.GROUP;

	static final String GROUP_B = "lesson-group-b";

	private static final String TOPIC = PartitionsLesson.TOPIC;

	private static final int PARTITIONS = PartitionsLesson.PARTITIONS;

	private static final int MEMBERS_A = 2;

	private static final int MAX_BURST = 10_000;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int NARRATION_LINES = 30;

	private final LessonTopics kafka;

	private final PartitionsGroup groupA;

	private final PartitionsGroup groupB;

	private final List<String> narration = new CopyOnWriteArrayList<>();

	private final AtomicInteger bursts = new AtomicInteger();

	private final Object lock = new Object();

	private volatile QueueVsPubsubCount count;

	private volatile int membersB = 1;

	private volatile boolean running;

	QueueVsPubsubLesson(LessonTopics kafka) {
		this.kafka = kafka;
		this.groupA = new PartitionsGroup(GROUP_A, TOPIC, PARTITIONS, "consumer-", kafka, this::received);
		this.groupB = new PartitionsGroup(GROUP_B, TOPIC, PARTITIONS, "consumer-b", kafka, this::received);
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int number() {
		return 2;
	}

	@Override
	public LessonState post(String action, JsonNode body) {
		return switch (action) {
			case "start" -> start(body);
			case "burst" -> burst(body);
			default -> throw LessonProblem.unknownAction(ID, action);
		};
	}

	private LessonState start(JsonNode body) {
		int b = intField(body, "consumers", 1, 2, 1);
		String previous = this.kafka.claimGroup(GROUP_A, ID, this::giveUp);
		if (previous != null) {
			say("Lesson '" + previous + "' had " + GROUP_A + "; its consumers were stopped first.");
		}
		this.kafka.create(TOPIC, PARTITIONS, Map.of(), ID);
		synchronized (this.lock) {
			this.groupA.stopAll();
			this.groupB.stopAll();
			this.membersB = b;
			this.running = true;
			long since = System.nanoTime();
			for (int i = 0; i < MEMBERS_A; i++) {
				this.groupA.add();
			}
			for (int i = 0; i < b; i++) {
				this.groupB.add();
			}
			boolean settled = awaitSettled(since);
			say((settled ? "Both groups are up" : "The groups had not settled after " + WAIT.toSeconds() + " s") + ": "
					+ GROUP_A + " has " + this.groupA.size() + " members ("
					+ PartitionsNarration.summary(this.groupA.assignment()) + "), " + GROUP_B + " has "
					+ this.groupB.size() + " (" + PartitionsNarration.summary(this.groupB.assignment())
					+ "). Both subscribe to " + TOPIC + ".");
		}
		return state();
	}

	private LessonState burst(JsonNode body) {
		int records = intField(body, "records", 1, MAX_BURST, 200);
		synchronized (this.lock) {
			if (!this.running) {
				throw LessonProblem.invalid("Start the two groups first: POST /api/v1/lessons/" + ID + "/start.");
			}
			// a burst sent while a group rebalances could be delivered twice: wait for
			// both
			awaitSettled(Long.MIN_VALUE);
			Map<String, List<String>> groups = new LinkedHashMap<>();
			groups.put(GROUP_A, this.groupA.members().stream().map(PartitionsGroup.Member::name).toList());
			groups.put(GROUP_B, this.groupB.members().stream().map(PartitionsGroup.Member::name).toList());
			QueueVsPubsubCount burst = new QueueVsPubsubCount(
					"burst" + this.bursts.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 4),
					records, groups);
			this.count = burst;
			long start = System.nanoTime();
			AtomicInteger failed = new AtomicInteger();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					this.kafka.producerProperties("lesson-queue-producer"), new StringSerializer(),
					new StringSerializer())) {
				for (int i = 1; i <= records; i++) {
					producer.send(new ProducerRecord<>(TOPIC, "rider-" + (i % 16), burst.burst() + ":" + i),
							(metadata, ex) -> {
								if (ex != null) {
									failed.incrementAndGet();
								}
							});
				}
				producer.flush();
			}
			long sentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!burst.complete() && System.nanoTime() < deadline) {
				pause();
			}
			long receivedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			say("Sent " + (records - failed.get()) + " records with keys rider-0 … rider-15 in " + sentMs + " ms"
					+ ((failed.get() > 0) ? " (" + failed.get() + " sends failed)" : "") + "; "
					+ (burst.complete() ? "both groups had them all " + receivedMs + " ms after the first send."
							: "still waiting after " + WAIT.toSeconds() + " s."));
			burst.narrate().forEach(this::say);
		}
		return state();
	}

	private void received(PartitionsGroup.Member member, ConsumerRecord<String, String> record) {
		QueueVsPubsubCount current = this.count;
		if (current != null) {
			current.received(member.group(), member.name(), record.value());
		}
	}

	@Override
	public void reset() {
		stop();
		this.kafka.release(TOPIC, ID);
		this.narration.clear();
		this.count = null;
	}

	@Override
	public void destroy() {
		synchronized (this.lock) {
			this.groupA.stopAll();
			this.groupB.stopAll();
			this.running = false;
		}
	}

	private void stop() {
		synchronized (this.lock) {
			this.groupA.stopAll();
			this.groupB.stopAll();
			this.running = false;
		}
		this.kafka.releaseGroup(GROUP_A, ID);
	}

	/** Lesson 1 took {@code lesson-group} back. */
	private void giveUp() {
		synchronized (this.lock) {
			this.groupA.stopAll();
			this.groupB.stopAll();
			this.running = false;
		}
		say("Lesson 1 took over " + GROUP_A + ": this lesson's groups were stopped. Start them again to go on.");
	}

	@Override
	public LessonState state() {
		QueueVsPubsubCount burst = this.count;
		List<LessonState.Block> view = new ArrayList<>();
		view.add(assignment(this.groupA));
		view.add(assignment(this.groupB));
		if (burst != null) {
			int sharedA = burst.shared(GROUP_A);
			int sharedB = burst.shared(GROUP_B);
			view.add(new LessonState.Counters("The last burst", List.of(
					new LessonState.Counters.Counter("records sent", String.valueOf(burst.records()), null),
					new LessonState.Counters.Counter(GROUP_A + " received", String.valueOf(burst.distinct(GROUP_A)),
							(burst.distinct(GROUP_A) == burst.records()) ? "good" : null),
					new LessonState.Counters.Counter(GROUP_B + " received", String.valueOf(burst.distinct(GROUP_B)),
							(burst.distinct(GROUP_B) == burst.records()) ? "good" : null),
					new LessonState.Counters.Counter("received by two members of " + GROUP_A, String.valueOf(sharedA),
							(sharedA == 0) ? "good" : "bad"),
					new LessonState.Counters.Counter("received by two members of " + GROUP_B, String.valueOf(sharedB),
							(sharedB == 0) ? "good" : "bad"))));
		}
		List<List<String>> rows = new ArrayList<>();
		for (PartitionsGroup group : List.of(this.groupA, this.groupB)) {
			for (PartitionsGroup.Member member : group.members()) {
				rows.add(List.of(group.group(), member.name(), member.owned().isEmpty() ? "none"
						: member.owned().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")),
						(burst != null) ? String.valueOf(burst.of(group.group(), member.name())) : "",
						String.valueOf(member.received())));
			}
		}
		view.add(new LessonState.Table("Members",
				List.of("group", "member", "partitions", "last burst", "all records received"), rows));
		return new LessonState(ID, 2, "Queue versus publish–subscribe",
				"Every consumer group gets the whole stream: that is publish–subscribe, and it is how RiderTrack's four"
						+ " services each read every fix. Inside one group the members split the partitions, so each"
						+ " record goes to one member only: that is a queue.",
				"Both groups count every record of a burst. Inside "
						+ GROUP_A + " the two members' counts add up to the burst, with no record counted twice.",
				true, null,
				"kafka-console-consumer.sh --bootstrap-server " + this.kafka.bootstrapServers() + " --topic " + TOPIC
						+ " --group " + GROUP_B + "   (run it in two terminals with the same --group: they share; with"
						+ " different groups: both see everything)",
				this.running,
				List.of(LessonState.Action.number("start", "Start the two groups", "POST", "consumers", 1, 2,
						this.membersB, GROUP_A + " gets 2 consumers; this sets how many " + GROUP_B + " gets."),
						LessonState.Action.number("burst", "Send a burst", "POST", "records", 1, MAX_BURST, 200,
								"Sends this many records with 16 different keys and counts who received what."),
						LessonState.Action.button("reset", "Reset",
								"Stops both groups and deletes " + TOPIC + " unless lesson 1 still uses it.")),
				view, List.copyOf(this.narration), Instant.now());
	}

	private static LessonState.Assignment assignment(PartitionsGroup group) {
		// between a revocation and the next assignment every member owns nothing: not
		// idle
		boolean steady = group.settledSince(Long.MIN_VALUE);
		List<LessonState.Assignment.Member> members = group.members()
			.stream()
			.map((m) -> new LessonState.Assignment.Member(m.name(), m.owned().stream().sorted().toList(), m.received(),
					steady && m.owned().isEmpty()))
			.toList();
		return new LessonState.Assignment(group.group(), group.group(), TOPIC, PARTITIONS, members);
	}

	private boolean awaitSettled(long since) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!(this.groupA.settledSince(since) && this.groupB.settledSince(since))) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			pause();
		}
		return true;
	}

	private void say(String line) {
		this.narration.add(line);
		while (this.narration.size() > NARRATION_LINES) {
			this.narration.remove(0);
		}
	}

	private static int intField(JsonNode body, String field, int min, int max, int otherwise) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return otherwise;
		}
		if (!value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
			throw LessonProblem.invalid("'" + field + "' must be a whole number from " + min + " to " + max + ".");
		}
		return value.asInt();
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
