package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;
import static dev.ridertrack.tracking.lessons.StackControlNarration.seconds;

/**
 * Lesson 6 (three brokers): {@code kill -9} of a broker. Leaders move, the ISR shrinks,
 * the load generator's acknowledged fixes keep coming (acks=all, min.insync.replicas=2);
 * start it again and the ISR grows back. With a second broker down, writes with acks=all
 * cannot be acknowledged: a probe write on the lesson's own topic shows Kafka's answer.
 */
@Component
class BrokerFailureLesson extends StackControlLesson {

	static final String PROBE_TOPIC = "lesson-broker-failure";

	private final KafkaProperties kafka;

	BrokerFailureLesson(StackControl stack, ClusterFacts facts, Clock clock, KafkaProperties kafka) {
		super(stack, facts, clock);
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "broker-failure";
	}

	@Override
	public int number() {
		return 6;
	}

	@Override
	String title() {
		return "A broker fails";
	}

	@Override
	String concept() {
		return "Every partition of rider-locations has three replicas on three brokers; one is the leader. When a "
				+ "broker dies, the controller makes an in-sync follower the leader of its partitions and shrinks "
				+ "their ISR. With acks=all and min.insync.replicas=2 a write is acknowledged only once two replicas "
				+ "have it, so nothing acknowledged is lost; with two brokers down no write can be acknowledged.";
	}

	@Override
	String expect() {
		return "After kill -9 of a broker its partitions get new leaders within seconds, their ISR drops to two, and "
				+ "the load generator's acknowledged count keeps rising. Started again, the broker catches up and the "
				+ "ISR grows back to three. A second broker down: the probe write fails.";
	}

	@Override
	String byHand() {
		return "docker compose kill kafka-2 (then docker compose start kafka-2; a second one: docker compose kill "
				+ "kafka-3)";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(
				LessonState.Action.number("kill", "kill -9 broker", "POST", "broker", 1, 3, 2,
						"Kills the broker with SIGKILL; a second kill takes two brokers down"),
				LessonState.Action.number("start", "Start broker", "POST", "broker", 1, 3, 2,
						"Starts the broker again; it catches up and rejoins the ISR"),
				LessonState.Action.button("probe", "Probe write",
						"Writes one record with acks=all to " + PROBE_TOPIC + " and shows Kafka's answer"));
	}

	@Override
	List<LessonState.Block> view() {
		List<LessonState.Block> blocks = new ArrayList<>();
		Optional<ClusterFacts.Topic> topic = this.facts.topic(TOPIC);
		List<List<String>> rows = new ArrayList<>();
		topic.ifPresent((t) -> t.partitions()
			.forEach((p) -> rows.add(List.of(Integer.toString(p.partition()), String.valueOf(p.leader()),
					p.replicas().toString(), p.isr().toString()))));
		blocks.add(new LessonState.Table(TOPIC + ": leaders and in-sync replicas",
				List.of("partition", "leader", "replicas", "isr"), rows));
		Optional<StackControl.Load> load = this.stack.load();
		blocks.add(new LessonState.Counters("Cluster and load",
				List.of(counter("brokers up", this.facts.brokersUp().toString()),
						counter("under-replicated partitions",
								topic.map((t) -> Integer.toString(t.underReplicated())).orElse("–")),
						counter("fixes acknowledged", load.map((l) -> count(l.sent())).orElse("–")),
						counter("fixes failed", load.map((l) -> count(l.failed())).orElse("–")))));
		return blocks;
	}

	@Override
	void act(String action, JsonNode body) {
		if (this.facts.brokersKnown() < 3) {
			throw LessonProblem.unavailable("This lesson needs three brokers and the cluster has "
					+ this.facts.brokersKnown() + ": run ./ridertrack up --brokers 3.");
		}
		int broker = body.path("broker").asInt(2);
		if (!action.equals("probe") && (broker < 1 || broker > 3)) {
			throw LessonProblem.invalid("broker must be 1, 2 or 3, not " + broker);
		}
		switch (action) {
			case "kill" -> experiment("Killing broker " + broker, () -> kill(broker));
			case "start" -> experiment("Starting broker " + broker, () -> start(broker));
			default -> experiment("The probe", () -> say(probe()));
		}
	}

	private void kill(int broker) {
		List<Integer> others = new ArrayList<>(this.facts.brokersUp());
		if (others.size() == 3) {
			// while every broker is up, so its three replicas are placed and in sync
			ensureProbeTopic();
		}
		others.remove(Integer.valueOf(broker));
		if (others.size() < 2) {
			secondDown(broker, others);
			return;
		}
		Map<Integer, Integer> leadersBefore = leaders();
		Optional<StackControl.Load> loadBefore = this.stack.load();
		StackControl.Proc killed = this.stack.broker(broker, "kill");
		Instant killedAt = this.clock.instant();
		say("kill -9 " + killed.pid() + ": broker " + broker + " is gone (exit code " + killed.exitCode() + ").");
		Optional<ClusterFacts.Topic> led = awaitTopic(Duration.ofSeconds(90),
				(t) -> t.partitions().stream().allMatch((p) -> p.leader() != null && p.leader() != broker));
		if (led.isEmpty()) {
			say("After 90 s some partitions are still led by broker " + broker + ".");
			return;
		}
		Duration toLeaders = Duration.between(killedAt, this.clock.instant());
		Map<Integer, List<Integer>> movedTo = new TreeMap<>();
		led.get().partitions().forEach((p) -> {
			if (leadersBefore.getOrDefault(p.partition(), -1) == broker) {
				movedTo.computeIfAbsent(p.leader(), (b) -> new ArrayList<>()).add(p.partition());
			}
		});
		List<String> moves = new ArrayList<>();
		movedTo.forEach((to, partitions) -> moves.add(((partitions.size() == 1) ? "partition " : "partitions ")
				+ StackControlNarration.ranges(partitions) + " to broker " + to));
		Optional<ClusterFacts.Topic> shrunk = awaitTopic(Duration.ofSeconds(90),
				(t) -> t.partitions().stream().noneMatch((p) -> p.isr().contains(broker)));
		say("Within " + seconds(toLeaders.toMillis()) + " the leaders moved ("
				+ (moves.isEmpty() ? "broker " + broker + " led none" : String.join(", ", moves)) + ")"
				+ shrunk
					.map((t) -> " and within " + seconds(Duration.between(killedAt, this.clock.instant()).toMillis())
							+ " the ISR of " + t.underReplicated() + " partitions shrank to two brokers.")
					.orElse("; after 90 s broker " + broker + " is still listed in some ISRs."));
		pause(Duration.ofSeconds(5));
		Optional<StackControl.Load> loadAfter = this.stack.load();
		if (loadBefore.isPresent() && loadAfter.isPresent()) {
			say("Meanwhile the load generator had " + count(loadAfter.get().sent() - loadBefore.get().sent())
					+ " more fixes acknowledged and " + count(loadAfter.get().failed() - loadBefore.get().failed())
					+ " failed: writes go on with two in-sync replicas.");
		}
	}

	/**
	 * A second broker down. It is stopped cleanly, not killed: each broker here is also
	 * one of three KRaft controllers, and with two killed the last one has no quorum and
	 * could not even record the smaller ISR, so writes would only time out. A clean stop
	 * lets the controller take it out of the ISR first; then an acks=all write meets an
	 * ISR of one, below min.insync.replicas=2, and the leader answers
	 * NOT_ENOUGH_REPLICAS.
	 */
	private void secondDown(int broker, List<Integer> left) {
		StackControl.Proc stopped = this.stack.broker(broker, "stop");
		say("Broker " + broker + " stopped (pid " + stopped.pid() + ", a clean stop: it is also a KRaft controller, "
				+ "and with two controllers killed the last could not even record the smaller ISR). Only broker " + left
				+ " is left.");
		awaitTopic(Duration.ofSeconds(30), (t) -> t.partitions().stream().noneMatch((p) -> p.isr().contains(broker)));
		say(probe());
		Optional<StackControl.Load> before = this.stack.load();
		pause(Duration.ofSeconds(5));
		Optional<StackControl.Load> after = this.stack.load();
		if (before.isPresent() && after.isPresent()) {
			say("In the next 5 s the load generator had " + count(after.get().sent() - before.get().sent())
					+ " fixes acknowledged: its producer keeps retrying (nothing is acknowledged that only one "
					+ "broker has) until the brokers are back or its delivery timeout passes.");
		}
	}

	private void start(int broker) {
		Instant asked = this.clock.instant();
		this.stack.broker(broker, "start");
		say("Started broker " + broker + " again.");
		Optional<ClusterFacts.Topic> after = awaitTopic(Duration.ofSeconds(150),
				(t) -> t.partitions().stream().allMatch((p) -> p.isr().contains(broker)));
		if (after.isEmpty()) {
			say("After 150 s broker " + broker + " is not yet back in every partition's ISR.");
			return;
		}
		say("In " + seconds(Duration.between(asked, this.clock.instant()).toMillis()) + " broker " + broker
				+ " caught up and the ISR grew back"
				+ ((after.get().underReplicated() == 0) ? ": 0 under-replicated partitions now."
						: " to include it; " + after.get().underReplicated()
								+ " partitions are still under-replicated (another broker is down)."));
	}

	private Optional<ClusterFacts.Topic> awaitTopic(Duration timeout,
			java.util.function.Predicate<ClusterFacts.Topic> condition) {
		Instant deadline = this.clock.instant().plus(timeout);
		while (this.clock.instant().isBefore(deadline)) {
			Optional<ClusterFacts.Topic> topic = this.facts.topic(TOPIC);
			if (topic.isPresent() && condition.test(topic.get())) {
				return topic;
			}
			pause(Duration.ofMillis(500));
		}
		return Optional.empty();
	}

	private Map<Integer, Integer> leaders() {
		Map<Integer, Integer> leaders = new TreeMap<>();
		this.facts.topic(TOPIC)
			.ifPresent((t) -> t.partitions()
				.forEach((p) -> leaders.put(p.partition(), (p.leader() != null) ? p.leader() : -1)));
		return leaders;
	}

	/**
	 * One record with acks=all to the lesson's topic, without retries so Kafka's own
	 * answer shows (a retrying producer would only time out).
	 * @return what happened, as a sentence
	 */
	String probe() {
		if (this.facts.brokersUp().size() == 3) {
			ensureProbeTopic();
		}
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		props.put(ProducerConfig.RETRIES_CONFIG, 0);
		props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
		props.put(ProducerConfig.CLIENT_ID_CONFIG, "lesson-broker-failure-probe");
		Instant begin = this.clock.instant();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
				new StringSerializer())) {
			var metadata = producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe", "probe at " + begin))
				.get(15, TimeUnit.SECONDS);
			return "Probe write with acks=all: acknowledged at offset " + metadata.offset() + " of partition "
					+ metadata.partition() + " in " + seconds(Duration.between(begin, this.clock.instant()).toMillis())
					+ ".";
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			return "Probe write with acks=all failed after "
					+ seconds(Duration.between(begin, this.clock.instant()).toMillis()) + ": "
					+ cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")"
					+ (cause.getClass().getSimpleName().startsWith("NotEnoughReplicas")
							? ": NOT_ENOUGH_REPLICAS, fewer in-sync replicas than min.insync.replicas=2." : ".");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LessonInterrupted();
		}
		catch (java.util.concurrent.TimeoutException | RuntimeException ex) {
			return "Probe write with acks=all got no answer: " + ex;
		}
	}

	private void ensureProbeTopic() {
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
		props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		try (Admin admin = Admin.create(props)) {
			admin
				.createTopics(
						List.of(new NewTopic(PROBE_TOPIC, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
				.all()
				.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				say("Could not create " + PROBE_TOPIC + ": " + ex.getCause().getMessage());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LessonInterrupted();
		}
		catch (java.util.concurrent.TimeoutException ex) {
			say("Could not create " + PROBE_TOPIC + " within 10 s (no controller quorum?)");
		}
	}

	@Override
	void undo() {
		for (int broker = 1; broker <= 3; broker++) {
			int id = broker;
			this.stack.processes()
				.stream()
				.filter((p) -> p.kind().equals("broker") && p.instance() == id && !p.alive())
				.findFirst()
				.ifPresent((p) -> this.stack.broker(id, "start"));
		}
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
		try (Admin admin = Admin.create(props)) {
			admin.deleteTopics(List.of(PROBE_TOPIC)).all().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// not created, or the cluster is still recovering: nothing to remove
		}
	}

}
