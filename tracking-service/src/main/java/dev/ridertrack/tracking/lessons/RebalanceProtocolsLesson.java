package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 12: two otherwise equal groups on {@code lesson-protocols}, one on the classic
 * protocol with the eager range assignor, one on KIP-848's consumer protocol, each grown
 * from 2 to 3 members at the same moment while a producer sends steadily. The lesson
 * measures how long each stopped consuming and which partitions moved.
 */
@Component
class RebalanceProtocolsLesson implements Lesson, DisposableBean {

	static final String TOPIC = "lesson-protocols";

	static final int PARTITIONS = 6;

	static final String CLASSIC = "lesson-classic";

	static final String CONSUMER = "lesson-consumer";

	private static final Duration SETTLE = Duration.ofSeconds(50);

	/**
	 * One record every 10 ms, round the partitions: each partition gets one every 60 ms.
	 */
	private static final long SEND_EVERY_MS = 10;

	/**
	 * Both groups commit as they go (and on revocation), so a moved partition resumes
	 * where its last owner stopped rather than skipping to the end.
	 */
	private static final Map<String, Object> COMMITS = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
			ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 200);

	private final KafkaLessonClients kafka;

	private volatile RebalanceProtocolsGroup classic;

	private volatile RebalanceProtocolsGroup consumer;

	private volatile Thread producer;

	private volatile boolean producing;

	private volatile List<RebalanceProtocolsFigures> figures = List.of();

	private volatile List<String> narration = List.of();

	RebalanceProtocolsLesson(KafkaLessonClients kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "rebalance-protocols";
	}

	@Override
	public int number() {
		return 12;
	}

	@Override
	public LessonState state() {
		List<LessonState.Block> view = new ArrayList<>();
		for (RebalanceProtocolsGroup group : groups()) {
			view.add(new LessonState.Assignment(group.id() + " (" + group.protocol() + ")", group.id(), TOPIC,
					PARTITIONS,
					group.members()
						.stream()
						.map((m) -> new LessonState.Assignment.Member(m.name(), List.copyOf(m.owned()), m.received(),
								m.owned().isEmpty()))
						.toList()));
		}
		List<RebalanceProtocolsFigures> measured = this.figures;
		if (!measured.isEmpty()) {
			List<List<String>> rows = new ArrayList<>();
			rows.add(row("protocol (group.protocol)", measured, RebalanceProtocolsFigures::protocol));
			rows.add(row("assignor", measured, RebalanceProtocolsFigures::assignor));
			rows.add(row("whole group stopped (longest gap, ms)", measured, (f) -> Long.toString(f.pausedMs())));
			rows.add(row("any one partition stopped (longest gap, ms)", measured,
					(f) -> Long.toString(f.partitionGapMs())));
			rows.add(row("a moved partition stopped (ms)", measured, (f) -> Long.toString(f.movedGapMs())));
			rows.add(row("join → every partition consuming (ms)", measured, (f) -> Long.toString(f.settleMs())));
			rows.add(row("partitions moved", measured, RebalanceProtocolsFigures::movedText));
			rows.add(row("partitions revoked", measured, (f) -> f.revokedFromOriginalMembers().toString()));
			List<String> columns = new ArrayList<>();
			columns.add("");
			measured.forEach((f) -> columns.add(f.group()));
			view.add(new LessonState.Table("2 → 3 members, side by side", columns, rows));
			List<List<String>> callbacks = new ArrayList<>();
			for (RebalanceProtocolsFigures f : measured) {
				for (RebalanceProtocolsMember member : group(f.group()).members()) {
					callbacks.add(List.of(f.group(), member.name(),
							f.before().getOrDefault(member.name(), java.util.Set.of()).toString(),
							f.revoked().getOrDefault(member.name(), java.util.Set.of()).toString(),
							f.assigned().getOrDefault(member.name(), java.util.Set.of()).toString(),
							new java.util.TreeSet<>(member.owned()).toString()));
				}
			}
			view.add(new LessonState.Table("Rebalance callbacks during the growth",
					List.of("group", "member", "before", "revoked", "assigned", "now"), callbacks));
		}
		boolean running = this.producing;
		return new LessonState(id(), number(), "Kafka 4: the new consumer rebalance protocol",
				"In the classic protocol a group rebalances as a whole: with the eager range assignor (what a classic "
						+ "consumer uses unless configured otherwise: its default list is range, then cooperative-sticky) "
						+ "every member gives up every partition, waits for the others, and gets its new share. "
						+ "KIP-848's consumer protocol (group.protocol=consumer, Kafka 4) lets the broker compute the "
						+ "assignment and move only the partitions that change owner, one member at a time, while "
						+ "everything else keeps flowing.",
				"Two otherwise equal groups, " + CLASSIC + " and " + CONSUMER + ", read " + TOPIC + " (" + PARTITIONS
						+ " partitions) while a producer sends a record every " + SEND_EVERY_MS
						+ " ms. Grow both from 2 to 3 members at once: expect the classic group to stop as a whole "
						+ "and the consumer-protocol group to pause only the partitions that move.",
				true, null,
				"kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group " + CLASSIC
						+ " --members --verbose",
				running,
				List.of(LessonState.Action.button("start", "Start two members each",
						"creates " + TOPIC + ", starts the producer and two members in each group"),
						LessonState.Action.button("grow", "Add a third member to both",
								"starts a third member in each group at the same moment and measures")),
				view, this.narration, Instant.now());
	}

	private static List<String> row(String label, List<RebalanceProtocolsFigures> figures,
			java.util.function.Function<RebalanceProtocolsFigures, String> value) {
		List<String> row = new ArrayList<>();
		row.add(label);
		figures.forEach((f) -> row.add(value.apply(f)));
		return row;
	}

	@Override
	public synchronized LessonState post(String action, JsonNode body) {
		switch (action) {
			case "start" -> start();
			case "grow" -> grow();
			default -> throw LessonProblem.unknownAction(id(), action);
		}
		return state();
	}

	private void start() {
		stopAll();
		this.figures = List.of();
		this.kafka.deleteGroups(List.of(CLASSIC, CONSUMER));
		this.kafka.createTopic(TOPIC, PARTITIONS);
		startProducer();
		Map<String, Object> classicConfig = new TreeMap<>(KafkaLessonClients.QUICK_GROUP);
		classicConfig.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
		classicConfig.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
		classicConfig.putAll(COMMITS);
		this.classic = new RebalanceProtocolsGroup(CLASSIC, "classic", "range (eager)", classicConfig, this.kafka);
		this.consumer = new RebalanceProtocolsGroup(CONSUMER, "consumer", "uniform (broker-side)", Map
			.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
				this.kafka);
		long started = RebalanceProtocolsGroup.now();
		for (int i = 0; i < 2; i++) {
			this.classic.add();
			this.consumer.add();
		}
		boolean settled = awaitSettled(2);
		long took = RebalanceProtocolsGroup.now() - started;
		List<String> lines = new ArrayList<>();
		lines.add("Both groups started with 2 members each "
				+ (settled ? "and owned all " + PARTITIONS + " partitions, consuming, " + took + " ms later"
						: "but had not settled after " + took + " ms")
				+ ": " + ownersText(this.classic) + "; " + ownersText(this.consumer) + ".");
		this.narration = lines;
	}

	private void grow() {
		if (this.classic == null || this.classic.members().size() != 2 || this.consumer.members().size() != 2) {
			start();
		}
		Map<Integer, String> classicBefore = this.classic.owners();
		Map<Integer, String> consumerBefore = this.consumer.owners();
		long joinedAt = RebalanceProtocolsGroup.now();
		this.classic.add();
		this.consumer.add();
		long deadline = joinedAt + SETTLE.toMillis();
		long classicSettled = -1;
		long consumerSettled = -1;
		while (RebalanceProtocolsGroup.now() < deadline && (classicSettled < 0 || consumerSettled < 0)) {
			if (classicSettled < 0 && this.classic.settled(3, PARTITIONS)) {
				classicSettled = RebalanceProtocolsGroup.now();
			}
			if (consumerSettled < 0 && this.consumer.settled(3, PARTITIONS)) {
				consumerSettled = RebalanceProtocolsGroup.now();
			}
			KafkaLessonClients.pause(20);
		}
		long end = RebalanceProtocolsGroup.now();
		this.figures = List.of(
				measure(this.classic, classicBefore, joinedAt, (classicSettled < 0) ? end : classicSettled),
				measure(this.consumer, consumerBefore, joinedAt, (consumerSettled < 0) ? end : consumerSettled));
		List<String> lines = new ArrayList<>(this.narration);
		this.figures.forEach((f) -> lines.addAll(f.narrate()));
		if (classicSettled < 0 || consumerSettled < 0) {
			lines.add("Not settled after " + SETTLE.toSeconds() + " s: " + ((classicSettled < 0) ? CLASSIC + " " : "")
					+ ((consumerSettled < 0) ? CONSUMER : "") + ".");
		}
		this.narration = lines;
	}

	private static RebalanceProtocolsFigures measure(RebalanceProtocolsGroup group, Map<Integer, String> before,
			long joinedAt, long settledAt) {
		// from a second before the join, so a stop that began as the join landed is whole
		long from = joinedAt - 1000;
		Map<Integer, List<Long>> perPartition = new TreeMap<>();
		for (int p = 0; p < PARTITIONS; p++) {
			perPartition.put(p, group.receipts(p, from, settledAt));
		}
		return RebalanceProtocolsFigures.measure(group.id(), group.protocol(), group.assignor(), before, group.owners(),
				group.eventsSince(joinedAt), group.receipts(-1, from, settledAt), perPartition, joinedAt, settledAt);
	}

	private static Map<String, Object> withCommits(Map<String, Object> settings) {
		Map<String, Object> all = new TreeMap<>(settings);
		all.putAll(COMMITS);
		return all;
	}

	private boolean awaitSettled(int members) {
		long deadline = RebalanceProtocolsGroup.now() + SETTLE.toMillis();
		while (RebalanceProtocolsGroup.now() < deadline) {
			if (this.classic.settled(members, PARTITIONS) && this.consumer.settled(members, PARTITIONS)) {
				return true;
			}
			KafkaLessonClients.pause(50);
		}
		return false;
	}

	private static String ownersText(RebalanceProtocolsGroup group) {
		return group.id() + " "
				+ group.members().stream().map((m) -> m.name() + " " + new java.util.TreeSet<>(m.owned())).toList();
	}

	private void startProducer() {
		Map<String, Object> config = this.kafka.producer("lesson-protocols");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producing = true;
		Thread thread = new Thread(() -> {
			try (KafkaProducer<String, String> kafkaProducer = new KafkaProducer<>(config)) {
				long seq = 0;
				while (this.producing) {
					int partition = (int) (seq % PARTITIONS);
					kafkaProducer.send(new ProducerRecord<>(TOPIC, partition, null, "record-" + seq));
					seq++;
					KafkaLessonClients.pause(SEND_EVERY_MS);
				}
			}
		}, "lesson-protocols-producer");
		thread.setDaemon(true);
		this.producer = thread;
		thread.start();
	}

	private List<RebalanceProtocolsGroup> groups() {
		List<RebalanceProtocolsGroup> groups = new ArrayList<>();
		if (this.classic != null) {
			groups.add(this.classic);
		}
		if (this.consumer != null) {
			groups.add(this.consumer);
		}
		return groups;
	}

	private RebalanceProtocolsGroup group(String id) {
		return CLASSIC.equals(id) ? this.classic : this.consumer;
	}

	private void stopAll() {
		groups().forEach(RebalanceProtocolsGroup::stop);
		this.producing = false;
		Thread thread = this.producer;
		if (thread != null) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.producer = null;
	}

	@Override
	public synchronized void reset() {
		stopAll();
		this.classic = null;
		this.consumer = null;
		this.figures = List.of();
		this.narration = List.of();
		this.kafka.deleteGroups(List.of(CLASSIC, CONSUMER));
		this.kafka.deleteTopic(TOPIC);
	}

	@Override
	public void destroy() {
		stopAll();
	}

}
