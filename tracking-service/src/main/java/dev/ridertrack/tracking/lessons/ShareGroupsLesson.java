package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 13: up to five {@code KafkaShareConsumer}s in share group
 * {@code lesson-share-group} on a 4-partition topic. Unlike a consumer group, all five
 * get records; and a share consumer that crashes holding unacknowledged records has them
 * delivered to the others, with a higher delivery count.
 */
@Component
class ShareGroupsLesson implements Lesson, DisposableBean {

	static final String TOPIC = "lesson-share";

	static final String GROUP = "lesson-share-group";

	static final int PARTITIONS = 4;

	static final int MAX_CONSUMERS = 5;

	private static final long SEND_EVERY_MS = 20;

	private static final Duration WAIT = Duration.ofSeconds(45);

	private final KafkaLessonClients kafka;

	private final ShareGroupsLedger ledger = new ShareGroupsLedger();

	private final List<ShareGroupsConsumer> consumers = new CopyOnWriteArrayList<>();

	private volatile Thread producer;

	private volatile boolean producing;

	private volatile int named;

	private volatile ShareGroupsConsumer crashed;

	private volatile List<ShareGroupsLedger.Delivery> redelivered = List.of();

	private volatile List<String> narration = List.of();

	ShareGroupsLesson(KafkaLessonClients kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "share-groups";
	}

	@Override
	public int number() {
		return 13;
	}

	@Override
	public LessonState state() {
		List<LessonState.Block> view = new ArrayList<>();
		List<ShareGroupsConsumer> running = running();
		if (!running.isEmpty()) {
			Map<String, List<Integer>> assignment = assignment();
			view.add(new LessonState.Assignment("Share group " + GROUP, GROUP, TOPIC, PARTITIONS,
					running.stream().map((c) -> {
						List<Integer> partitions = assignment.getOrDefault(c.name(), List.of());
						return new LessonState.Assignment.Member(c.name(), partitions, c.received(),
								partitions.isEmpty());
					}).toList()));
			view.add(new LessonState.Counters("Records received per share consumer",
					running.stream()
						.map((c) -> new LessonState.Counters.Counter(c.name(), Long.toString(c.received()),
								(c.received() > 0) ? "good" : "bad"))
						.toList()));
		}
		List<ShareGroupsLedger.Delivery> again = this.redelivered;
		if (this.crashed != null) {
			view.add(new LessonState.Table("Redelivered after " + this.crashed.name() + " crashed",
					List.of("record", "partition", "offset", "held by", "delivered again to", "delivery count"),
					again.stream()
						.limit(20)
						.map((d) -> List.of(d.id(), Integer.toString(d.partition()), Long.toString(d.offset()),
								this.crashed.name(), d.consumer(), Integer.toString(d.deliveryCount())))
						.toList()));
		}
		return new LessonState(id(), number(), "Kafka 4: share groups",
				"A share group (KIP-932, production-ready in Kafka 4.2) is Kafka as a queue: its consumers share "
						+ "records, not partitions, so more consumers than partitions all work. Each record is "
						+ "acquired by one consumer for a while and must be acknowledged; if the consumer dies first, "
						+ "Kafka delivers it to another with its delivery count raised.",
				"Five share consumers on " + TOPIC + ", 4 partitions (the same 4 partitions as lesson 1, in a topic "
						+ "of its own): all five receive records, where lesson 1's fifth consumer sat idle. Crash one "
						+ "while it holds records and watch the others receive them again with delivery count 2.",
				true, null,
				"kafka-share-groups.sh --bootstrap-server localhost:9092 --describe --group " + GROUP + " --members",
				!running.isEmpty(),
				List.of(LessonState.Action.number("set", "Share consumers", "PUT", "consumers", 0, MAX_CONSUMERS,
						running.size(), "runs this many share consumers in " + GROUP + " (0 stops them)"),
						LessonState.Action.button("crash", "Crash a share consumer",
								"one consumer dies while it holds records it has not acknowledged")),
				view, this.narration, Instant.now());
	}

	@Override
	public synchronized LessonState put(JsonNode body) {
		JsonNode count = body.get("consumers");
		if (count == null || !count.isIntegralNumber() || count.asInt() < 0 || count.asInt() > MAX_CONSUMERS) {
			throw LessonProblem.invalid("consumers must be a whole number from 0 to " + MAX_CONSUMERS);
		}
		int wanted = count.asInt();
		if (wanted > 0 && !this.producing) {
			this.kafka.createTopic(TOPIC, PARTITIONS);
			startProducer();
		}
		while (running().size() > wanted) {
			ShareGroupsConsumer last = running().get(running().size() - 1);
			last.stop();
			last.join();
			this.consumers.remove(last);
		}
		while (running().size() < wanted) {
			ShareGroupsConsumer consumer = new ShareGroupsConsumer("share-" + (++this.named), this.kafka, this.ledger);
			this.consumers.add(consumer);
			consumer.start();
		}
		if (wanted == 0) {
			stopProducer();
		}
		List<String> lines = new ArrayList<>(this.narration);
		if (wanted > 0) {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline && running().stream().anyMatch((c) -> c.received() == 0)) {
				KafkaLessonClients.pause(100);
			}
			List<ShareGroupsConsumer> now = running();
			long receiving = now.stream().filter((c) -> c.received() > 0).count();
			lines.add(now.size() + " share consumer" + ((now.size() == 1) ? "" : "s") + " on " + PARTITIONS
					+ " partitions: " + receiving + " of them received records ("
					+ now.stream().map((c) -> c.name() + " " + c.received()).collect(Collectors.joining(", "))
					+ "); the broker lists " + describedMembers() + " member" + ((describedMembers() == 1) ? "" : "s")
					+ " in " + GROUP + "." + ((now.size() > PARTITIONS && receiving == now.size())
							? " More consumers than partitions and none idle, unlike lesson 1's fifth consumer." : ""));
		}
		else {
			lines.add("All share consumers stopped.");
		}
		this.narration = lines;
		return state();
	}

	@Override
	public synchronized LessonState post(String action, JsonNode body) {
		if (!"crash".equals(action)) {
			throw LessonProblem.unknownAction(id(), action);
		}
		List<ShareGroupsConsumer> running = running();
		if (running.size() < 2) {
			throw LessonProblem.invalid("run at least two share consumers first (PUT {\"consumers\": 5}), so "
					+ "another can receive the crashed one's records");
		}
		ShareGroupsConsumer victim = running.get(running.size() - 1);
		if (body.has("consumer")) {
			victim = running.stream()
				.filter((c) -> c.name().equals(body.get("consumer").asString()))
				.findFirst()
				.orElseThrow(() -> LessonProblem.invalid("no running share consumer " + body.get("consumer")));
		}
		victim.crashWhileHolding();
		long start = System.nanoTime();
		long deadline = start + WAIT.toNanos();
		while (System.nanoTime() < deadline && victim.heldAtCrash() == null) {
			KafkaLessonClients.pause(50);
		}
		List<String> held = (victim.heldAtCrash() != null) ? victim.heldAtCrash() : List.of();
		long crashedAt = System.nanoTime();
		this.crashed = victim;
		List<ShareGroupsLedger.Delivery> again = List.of();
		while (System.nanoTime() < deadline && !held.isEmpty()) {
			again = this.ledger.redeliveries(held)
				.stream()
				.filter((d) -> !d.consumer().equals(this.crashed.name()))
				.toList();
			if (again.stream().map(ShareGroupsLedger.Delivery::id).distinct().count() == held.size()) {
				break;
			}
			KafkaLessonClients.pause(100);
		}
		long tookMs = (System.nanoTime() - crashedAt) / 1_000_000;
		victim.join();
		this.consumers.remove(victim);
		this.redelivered = again;
		List<String> lines = new ArrayList<>(this.narration);
		long redeliveredIds = again.stream().map(ShareGroupsLedger.Delivery::id).distinct().count();
		lines.add(victim.name() + " crashed holding " + held.size() + " record" + ((held.size() == 1) ? "" : "s")
				+ " it had not acknowledged; it closed without acknowledging them, so the broker released them at "
				+ "once (a consumer killed outright holds them until their acquisition lock runs out, "
				+ "group.share.record.lock.duration.ms, 30 s by default).");
		if (redeliveredIds > 0) {
			Map<String, Long> byConsumer = again.stream()
				.collect(Collectors.groupingBy(ShareGroupsLedger.Delivery::consumer, java.util.TreeMap::new,
						Collectors.counting()));
			lines.add(redeliveredIds + " of them " + ((redeliveredIds == 1) ? "was" : "were")
					+ " delivered again within " + tookMs + " ms, to "
					+ byConsumer.entrySet()
						.stream()
						.map((e) -> e.getKey() + " (" + e.getValue() + ")")
						.collect(Collectors.joining(", "))
					+ ", with delivery count "
					+ new TreeSet<>(again.stream().map(ShareGroupsLedger.Delivery::deliveryCount).toList()) + "; "
					+ running().size() + " share consumers remain.");
		}
		else {
			lines.add("None of them was delivered again within " + tookMs + " ms.");
		}
		this.narration = lines;
		return state();
	}

	private List<ShareGroupsConsumer> running() {
		return this.consumers.stream().filter(ShareGroupsConsumer::alive).toList();
	}

	/** Member to partitions, as the broker's share group coordinator assigned them. */
	private Map<String, List<Integer>> assignment() {
		Map<String, List<Integer>> assignment = new HashMap<>();
		ShareGroupDescription description = describe();
		if (description == null) {
			return assignment;
		}
		for (ShareMemberDescription member : description.members()) {
			String name = member.clientId().replaceAll("-\\d+$", "");
			assignment.put(name,
					member.assignment()
						.topicPartitions()
						.stream()
						.filter((tp) -> tp.topic().equals(TOPIC))
						.map((tp) -> tp.partition())
						.sorted()
						.toList());
		}
		return assignment;
	}

	private int describedMembers() {
		ShareGroupDescription description = describe();
		return (description != null) ? description.members().size() : 0;
	}

	private ShareGroupDescription describe() {
		try {
			return KafkaLessonClients.get(this.kafka.admin().describeShareGroups(List.of(GROUP)).all()).get(GROUP);
		}
		catch (KafkaLessonClients.LessonKafkaException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return null;
			}
			throw ex;
		}
	}

	private void startProducer() {
		Map<String, Object> config = this.kafka.producer("lesson-share");
		// small batches, so records spread over the consumers instead of one fetch taking
		// many
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producing = true;
		Thread thread = new Thread(() -> {
			try (KafkaProducer<String, String> kafkaProducer = new KafkaProducer<>(config)) {
				long seq = 0;
				String run = Long.toString(System.currentTimeMillis(), 36);
				while (this.producing) {
					kafkaProducer
						.send(new ProducerRecord<>(TOPIC, (int) (seq % PARTITIONS), null, "share-" + run + "-" + seq));
					seq++;
					KafkaLessonClients.pause(SEND_EVERY_MS);
				}
			}
		}, "lesson-share-producer");
		thread.setDaemon(true);
		this.producer = thread;
		thread.start();
	}

	private void stopProducer() {
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

	private void stopAll() {
		this.consumers.forEach(ShareGroupsConsumer::stop);
		this.consumers.forEach(ShareGroupsConsumer::join);
		this.consumers.clear();
		stopProducer();
	}

	@Override
	public synchronized void reset() {
		stopAll();
		this.ledger.clear();
		this.crashed = null;
		this.redelivered = List.of();
		this.narration = List.of();
		this.named = 0;
		try {
			KafkaLessonClients.get(this.kafka.admin().deleteShareGroups(List.of(GROUP)).all());
		}
		catch (KafkaLessonClients.LessonKafkaException ex) {
			// never created, or already gone
		}
		this.kafka.deleteTopic(TOPIC);
	}

	@Override
	public void destroy() {
		stopAll();
	}

}
