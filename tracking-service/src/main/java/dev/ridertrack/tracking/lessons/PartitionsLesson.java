package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 1: partitions and the consumers of one group. The learner sets how many real
 * consumers are in {@code lesson-group} on the 4-partition {@code lesson-partitions};
 * they are added or removed one at a time, so every rebalance is seen and narrated from
 * the members' own rebalance callbacks.
 */
@Component
class PartitionsLesson implements Lesson, DisposableBean {

	static final String ID = "partitions";

	static final String TOPIC = "lesson-partitions";

	static final String GROUP = "lesson-group";

	static final int PARTITIONS = 4;

	static final int MAX_CONSUMERS = 5;

	private static final Logger log = LoggerFactory.getLogger(PartitionsLesson.class);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

	private static final int NARRATION_LINES = 40;

	private static final int HISTORY_ROWS = 12;

	private final LessonTopics kafka;

	private final PartitionsGroup group;

	/** Held while members are added or removed; reset and give-up take it too. */
	private final Object steps = new Object();

	private final ExecutorService conductor = Executors.newSingleThreadExecutor((r) -> daemon(r, "lesson-partitions"));

	private final List<String> narration = new CopyOnWriteArrayList<>();

	private final List<List<String>> history = new CopyOnWriteArrayList<>();

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	/** By every member since the start, including members since removed. */
	private final AtomicLong received = new AtomicLong();

	private volatile int target;

	private volatile boolean settling;

	private volatile boolean settled = true;

	/** Bumped by reset and give-up, so a step waiting for the group stops waiting. */
	private volatile int epoch;

	private ScheduledExecutorService producing;

	private KafkaProducer<String, String> producer;

	PartitionsLesson(LessonTopics kafka) {
		this.kafka = kafka;
		this.group = new PartitionsGroup(GROUP, TOPIC, PARTITIONS, "consumer-", kafka,
				(member, record) -> this.received.incrementAndGet());
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int number() {
		return 1;
	}

	@Override
	public LessonState put(JsonNode body) {
		JsonNode consumers = body.get("consumers");
		if (consumers == null || !consumers.isIntegralNumber() || consumers.asInt() < 0
				|| consumers.asInt() > MAX_CONSUMERS) {
			throw LessonProblem.invalid("Send {\"consumers\": N} with N from 0 (stop them) to " + MAX_CONSUMERS + ".");
		}
		int wanted = consumers.asInt();
		if (wanted > 0) {
			String previous = this.kafka.claimGroup(GROUP, ID, this::giveUp);
			if (previous != null) {
				say("Lesson '" + previous + "' had " + GROUP + "; its consumers were stopped first.");
			}
			this.kafka.create(TOPIC, PARTITIONS, Map.of(), ID);
			startProducer();
		}
		this.target = wanted;
		this.settling = true;
		this.conductor.submit(this::reconcile);
		return state();
	}

	@Override
	public void reset() {
		this.target = 0;
		this.epoch++;
		synchronized (this.steps) {
			this.group.stopAll();
			stopProducer();
			this.settling = false;
			this.settled = true;
		}
		this.kafka.releaseGroup(GROUP, ID);
		this.kafka.release(TOPIC, ID);
		this.narration.clear();
		this.history.clear();
		this.produced.set(0);
		this.failed.set(0);
		this.received.set(0);
	}

	@Override
	public void destroy() {
		this.target = 0;
		this.epoch++;
		this.conductor.shutdownNow();
		synchronized (this.steps) {
			this.group.stopAll();
			stopProducer();
		}
	}

	@Override
	public LessonState state() {
		boolean steady = !this.settling && this.settled && this.group.size() == this.target;
		List<LessonState.Assignment.Member> members = new ArrayList<>();
		for (PartitionsGroup.Member member : this.group.members()) {
			Set<Integer> owned = member.owned();
			members.add(new LessonState.Assignment.Member(member.name(), owned.stream().sorted().toList(),
					member.received(), steady && owned.isEmpty()));
		}
		List<LessonState.Block> view = List.of(
				new LessonState.Assignment("Who reads which partition of " + TOPIC, GROUP, TOPIC, PARTITIONS, members),
				new LessonState.Counters("The group", List.of(
						new LessonState.Counters.Counter("consumers asked for", String.valueOf(this.target), null),
						new LessonState.Counters.Counter("members now", String.valueOf(members.size()), null),
						new LessonState.Counters.Counter("group", status(steady), steady ? "good" : null),
						new LessonState.Counters.Counter("records produced", String.valueOf(this.produced.get()), null),
						new LessonState.Counters.Counter("records received", String.valueOf(this.received.get()), null),
						new LessonState.Counters.Counter("failed sends", String.valueOf(this.failed.get()),
								(this.failed.get() > 0) ? "bad" : null))),
				new LessonState.Table("Rebalances, newest last",
						List.of("change", "settled in", "assignment after", "moved"), List.copyOf(this.history)));
		return new LessonState(ID, 1, "Partitions and consumers in a group",
				"A topic is split into partitions, and the consumers of one group share them: each partition is read by"
						+ " exactly one member of the group at a time. When a member joins or leaves, Kafka rebalances:"
						+ " the group pauses and the partitions are dealt out again.",
				"1 consumer reads all 4 partitions, 2 read two each, 3 split them 2/1/1, 4 read one each, and a fifth"
						+ " has nothing to read. Every change is one rebalance; the narration says which partitions moved"
						+ " and how long the group took to settle.",
				true, null,
				"kafka-consumer-groups.sh --bootstrap-server "
						+ this.kafka.bootstrapServers() + " --describe --group " + GROUP + " --members --verbose",
				this.target > 0 || this.group.size() > 0,
				List.of(LessonState.Action.number("set", "Consumers in " + GROUP, "PUT", "consumers", 0, MAX_CONSUMERS,
						this.target, "Adds or removes consumers one at a time, each a rebalance; 0 stops them all."),
						LessonState.Action.button("reset", "Reset",
								"Stops the consumers and the producer and deletes " + TOPIC + ".")),
				view, List.copyOf(this.narration), Instant.now());
	}

	private String status(boolean steady) {
		if (steady) {
			return "settled";
		}
		return this.settled ? "rebalancing" : "not settled";
	}

	private void reconcile() {
		synchronized (this.steps) {
			try {
				int epoch = this.epoch;
				while (epoch == this.epoch && this.group.size() != this.target) {
					step(epoch, this.group.size() < this.target);
				}
				if (this.target == 0 && this.group.size() == 0) {
					stopProducer();
					this.kafka.releaseGroup(GROUP, ID);
				}
			}
			catch (RuntimeException ex) {
				log.warn("lesson partitions could not change the group: {}", ex.toString());
				say("The change failed: " + ex.getMessage());
			}
			finally {
				this.settling = false;
			}
		}
	}

	private void step(int epoch, boolean add) {
		Map<String, Set<Integer>> before = this.group.assignment();
		long start = System.nanoTime();
		if (add) {
			this.group.add();
		}
		else {
			this.group.removeLast();
		}
		long deadline = start + SETTLE_TIMEOUT.toNanos();
		boolean done;
		while (!(done = this.group.settledSince(start)) && System.nanoTime() < deadline && epoch == this.epoch) {
			pause();
		}
		if (epoch != this.epoch) {
			return;
		}
		this.settled = done;
		Map<String, Set<Integer>> after = this.group.assignment();
		Duration settle = done
				? Duration
					.ofNanos(Math.max(0, (after.isEmpty() ? System.nanoTime() : this.group.lastAssignedAt()) - start))
				: null;
		List<String> lines = PartitionsNarration.change(GROUP, TOPIC, PARTITIONS, before, after, settle);
		lines.forEach(this::say);
		this.history.add(List.of(before.size() + " → " + after.size(),
				(settle != null) ? PartitionsNarration.seconds(settle) : "not settled",
				after.isEmpty() ? "no members" : PartitionsNarration.summary(after),
				after.isEmpty() ? "" : PartitionsNarration.moves(before, after)));
		while (this.history.size() > HISTORY_ROWS) {
			this.history.remove(0);
		}
	}

	/**
	 * Lesson 2 took the group: stop this lesson's members so they do not join its groups'
	 * count.
	 */
	private void giveUp() {
		this.target = 0;
		this.epoch++;
		synchronized (this.steps) {
			this.group.stopAll();
			stopProducer();
			this.settling = false;
			this.settled = true;
		}
		say("Lesson 2 took over " + GROUP
				+ ": this lesson's consumers were stopped. Set a number again to take it back.");
	}

	private synchronized void startProducer() {
		if (this.producer != null) {
			return;
		}
		this.producer = new KafkaProducer<>(this.kafka.producerProperties("lesson-partitions-producer"),
				new StringSerializer(), new StringSerializer());
		this.producing = Executors.newSingleThreadScheduledExecutor((r) -> daemon(r, "lesson-partitions-producer"));
		KafkaProducer<String, String> sending = this.producer;
		AtomicLong seq = new AtomicLong();
		// a few keyed records a second, so every member has something to receive
		this.producing.scheduleAtFixedRate(() -> {
			long n = seq.incrementAndGet();
			sending.send(new ProducerRecord<>(TOPIC, "rider-" + (n % 8), Long.toString(n)), (metadata, ex) -> {
				if (ex != null) {
					this.failed.incrementAndGet();
					log.warn("lesson partitions: a send failed: {}", ex.toString());
				}
				else {
					this.produced.incrementAndGet();
				}
			});
		}, 0, 250, TimeUnit.MILLISECONDS);
	}

	private synchronized void stopProducer() {
		if (this.producing != null) {
			this.producing.shutdownNow();
			try {
				this.producing.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.producing = null;
		}
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	private void say(String line) {
		this.narration.add(line);
		while (this.narration.size() > NARRATION_LINES) {
			this.narration.remove(0);
		}
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

	static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

}
