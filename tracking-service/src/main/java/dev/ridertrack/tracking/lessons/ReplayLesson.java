package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.Topics;
import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;
import static dev.ridertrack.tracking.lessons.StackControlNarration.seconds;

/**
 * Lesson 8: a consumer group's committed offsets moved back (to the earliest record or to
 * ten minutes ago) while its instances are stopped, as Kafka requires; started again they
 * read it all once more. analytics recounts; db-writer's collection does not grow.
 */
@Component
class ReplayLesson extends StackControlLesson {

	private static final List<String> SERVICES = List.of("db-writer", "analytics-service");

	/** What each group reads from outside: the offsets a replay moves back. */
	private static final Map<String, Set<String>> INPUTS = Map.of("db-writer", Set.of(TOPIC), "analytics-service",
			Set.of(TOPIC, Topics.ORDER_EVENTS.name()));

	private final KafkaProperties kafka;

	private volatile DocumentCheck lastCheck;

	ReplayLesson(StackControl stack, ClusterFacts facts, Clock clock, KafkaProperties kafka) {
		super(stack, facts, clock);
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return "replay";
	}

	@Override
	public int number() {
		return 8;
	}

	@Override
	String title() {
		return "Offsets and replay";
	}

	@Override
	String concept() {
		return "Kafka does not delete a record when it is read: a group's position is just its committed offset per "
				+ "partition. Move the offsets back and the group reads everything again: analytics recounts, and "
				+ "db-writer writes every fix again, which its idempotent _id turns into no new document. The group "
				+ "must be empty while its offsets are changed, so its instances stop first.";
	}

	@Override
	String expect() {
		return "The group's instances stop, its offsets go back, they start again; lag jumps to the records to "
				+ "re-read and drains; for db-writer the documents still equal the fixes on the topic.";
	}

	@Override
	String byHand() {
		return "docker compose stop db-writer; docker compose exec kafka-1 /opt/kafka/bin/kafka-consumer-groups.sh "
				+ "--bootstrap-server kafka-1:19092 --group db-writer --topic rider-locations --reset-offsets "
				+ "--to-earliest --execute (or --to-datetime / --by-duration PT10M); docker compose start db-writer. "
				+ "For analytics, a Kafka Streams application: docker compose stop analytics-service; "
				+ "kafka-streams-application-reset.sh --bootstrap-server kafka-1:19092 --application-id analytics "
				+ "--input-topics rider-locations,order-events --to-earliest --execute (it also deletes the "
				+ "application's internal topics); docker compose start analytics-service";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(
				LessonState.Action.choice("replay-earliest", "Replay from the earliest", "service", SERVICES,
						"Stops the service, resets its group to the earliest offsets, starts it again"),
				LessonState.Action.choice("replay-10m", "Replay the last 10 minutes", "service", SERVICES,
						"Stops the service, resets its group to ten minutes ago, starts it again"));
	}

	@Override
	List<LessonState.Block> view() {
		DocumentCheck check = this.lastCheck;
		return List.of(assignment("db-writer"), assignment("analytics-service"),
				new LessonState.Counters("Replay",
						List.of(counter("db-writer lag", count(lag("db-writer"))),
								counter("analytics lag", count(lag("analytics"))),
								counter("documents (last check)", (check != null) ? count(check.documents()) : "–"),
								counter("fixes on the topic", count(fixesOnTopic())))));
	}

	@Override
	void act(String action, JsonNode body) {
		String service = service(body, "db-writer");
		if (!SERVICES.contains(service)) {
			throw LessonProblem.invalid("Replay works on " + SERVICES + ", not " + service);
		}
		Instant to = action.equals("replay-earliest") ? null : this.clock.instant().minus(Duration.ofMinutes(10));
		experiment("The replay", () -> replay(service, to));
	}

	private void replay(String service, Instant to) {
		String group = GROUPS.get(service);
		long documentsBefore = service.equals("db-writer") ? this.stack.documents() : -1;
		// a Streams service runs hundreds of records behind (it commits every 1-2 s):
		// "drained" means back to its usual lag, not under a fixed mark
		long drainedAt = Math.max(2 * lag(group), 1000);
		List<StackControl.Proc> instances = this.stack.running(service);
		for (StackControl.Proc proc : instances) {
			this.stack.instance(service, proc.instance(), "stop");
		}
		say("Stopped " + instances.size() + " instance" + ((instances.size() == 1) ? "" : "s") + " of " + service + ": "
				+ group + " must be empty before its offsets can change.");
		if (awaitGroup(group, Duration.ofSeconds(90), (g) -> g.memberCount() == 0).isEmpty()) {
			say(group + " still had members after 90 s; starting the instances again without a reset.");
			startAll(service, instances);
			return;
		}
		long reread;
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
			committed.keySet()
				.stream()
				.filter((tp) -> INPUTS.get(service).contains(tp.topic()))
				.forEach((tp) -> specs.put(tp,
						(to == null) ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(to.toEpochMilli())));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(specs)
				.all()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
			reread = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : found.entrySet()) {
				long current = committed.get(e.getKey()).offset();
				// no record at or after the time: stay where it is
				long offset = (e.getValue().offset() < 0) ? current : Math.min(e.getValue().offset(), current);
				target.put(e.getKey(), new OffsetAndMetadata(offset));
				reread += current - offset;
			}
			admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
			if (service.equals("analytics-service")) {
				deleteInternalTopics(admin, group);
			}
		}
		catch (ExecutionException ex) {
			say("Kafka refused the reset: " + ex.getCause().getMessage() + ". Starting the instances again.");
			startAll(service, instances);
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LessonInterrupted();
		}
		catch (java.util.concurrent.TimeoutException ex) {
			say("Kafka did not answer the reset within 30 s. Starting the instances again.");
			startAll(service, instances);
			return;
		}
		say("Reset " + group + " on " + String.join(" and ", new TreeSet<>(INPUTS.get(service))) + " to "
				+ ((to == null) ? "the earliest offsets" : "ten minutes ago (" + to + ")") + ": " + count(reread)
				+ " records to read again.");
		startAll(service, instances);
		Instant started = this.clock.instant();
		// the lag is the reset's at once (committed offsets went back): watched from
		// here, the peak is the replay's size and the drain includes the instances
		// starting
		LagEpisode lag = watchLag(group, drainedAt, Duration.ofMinutes(4));
		if (lag.drained() == null) {
			say("Lag peaked at " + count(lag.peak()) + " records and had not drained 4 minutes later.");
			return;
		}
		say("Lag jumped to " + count(lag.peak()) + " records and was back under " + count(drainedAt) + " "
				+ seconds(Duration.between(started, this.clock.instant()).toMillis())
				+ " after the instances were started (" + group + " has "
				+ group(group).map(ClusterFacts.Group::processes).orElse(0) + " instance(s) again).");
		if (service.equals("db-writer")) {
			DocumentCheck check = checkDocuments();
			this.lastCheck = check;
			say("Documents before the replay " + count(documentsBefore) + ", after " + count(check.documents())
					+ ": the collection grew only by the fixes that arrived meanwhile, none of the " + count(reread)
					+ " re-read fixes became a second document.");
		}
		else {
			say("analytics read those records again into empty stores and recounted its zone windows from them: "
					+ "finding its changelogs gone, it discarded its local state before starting (StaleStateGuard), "
					+ "so no fix is counted twice.");
		}
	}

	/**
	 * What {@code kafka-streams-application-reset} does besides moving the input offsets:
	 * the application's changelog and repartition topics go, so the windows are rebuilt
	 * from the replayed records instead of adding them to the counts already there.
	 */
	private void deleteInternalTopics(Admin admin, String applicationId)
			throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
		List<String> internal = admin.listTopics()
			.names()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((name) -> name.startsWith(applicationId + "-")
					&& (name.endsWith("-changelog") || name.endsWith("-repartition")))
			.sorted()
			.toList();
		admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
		say("Deleted " + applicationId + "'s " + internal.size()
				+ " internal topics (its window stores' changelogs and its repartition topic), as Kafka's "
				+ "kafka-streams-application-reset does: the state built from the old reading goes with them.");
	}

	private void startAll(String service, List<StackControl.Proc> instances) {
		List<String> started = new ArrayList<>();
		for (StackControl.Proc proc : instances) {
			this.stack.instance(service, proc.instance(), "start");
			started.add(proc.name());
		}
		say("Started " + String.join(", ", started) + " again.");
	}

	private Admin admin() {
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
		return Admin.create(props);
	}

	@Override
	void undo() {
		for (String service : SERVICES) {
			for (StackControl.Proc proc : this.stack.instances(service)) {
				if (!proc.alive() && proc.instance() == 1) {
					this.stack.instance(service, 1, "start");
				}
			}
		}
		this.lastCheck = null;
	}

}
