package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;
import static dev.ridertrack.tracking.lessons.StackControlNarration.seconds;

/**
 * Lesson 5: {@code kill -9} of one db-writer instance. The group notices only when the
 * session times out, its partitions move, what it had written but not committed is
 * delivered again, and the idempotent writes leave documents = fixes on the topic.
 */
@Component
class ConsumerCrashLesson extends StackControlLesson {

	private static final String SERVICE = "db-writer";

	private static final String GROUP = "db-writer";

	private volatile DocumentCheck lastCheck;

	ConsumerCrashLesson(StackControl stack, ClusterFacts facts, Clock clock) {
		super(stack, facts, clock);
	}

	@Override
	public String id() {
		return "consumer-crash";
	}

	@Override
	public int number() {
		return 5;
	}

	@Override
	String title() {
		return "A consumer crashes";
	}

	@Override
	String concept() {
		return "A consumer killed with kill -9 cannot say goodbye: the group coordinator only notices when its "
				+ "heartbeats stop for the session timeout. Its partitions then move to the others, which start from "
				+ "the last committed offsets, so records it had processed but not committed are delivered again. "
				+ "db-writer's writes are idempotent (_id = riderId:seq), so a redelivered fix is no second document.";
	}

	@Override
	String expect() {
		return "The killed instance stays in the group for about the session timeout (45 s by default), then its "
				+ "partitions move; db-writer counts the redelivered fixes as duplicate keys; the check shows "
				+ "documents in MongoDB = fixes on the topic.";
	}

	@Override
	String byHand() {
		return "docker compose up -d --scale db-writer=2, then docker compose kill -s SIGKILL db-writer (kills every "
				+ "db-writer container; docker kill -s SIGKILL <one container> kills one)";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(
				LessonState.Action.button("crash", "kill -9 a db-writer",
						"Kills the newest db-writer instance with SIGKILL (starting a second one first if there is "
								+ "only one)"),
				LessonState.Action.button("check", "Documents = fixes?",
						"Pauses the load generator until db-writer has caught up, then counts documents and fixes"),
				LessonState.Action.button("restart", "Start it again",
						"Starts the killed instance again: it rejoins the group"));
	}

	@Override
	List<LessonState.Block> view() {
		DocumentCheck check = this.lastCheck;
		return List.of(assignment(SERVICE),
				new LessonState.Counters("db-writer",
						List.of(counter("instances running", Integer.toString(this.stack.running(SERVICE).size())),
								counter("lag", count(lag(GROUP))),
								counter("documents", (check != null) ? count(check.documents()) : "–"),
								counter("fixes on the topic", (check != null) ? count(check.fixes()) : "–"))));
	}

	@Override
	void act(String action, JsonNode body) {
		switch (action) {
			case "crash" -> experiment("The crash", this::crash);
			case "check" -> experiment("The check", () -> this.lastCheck = checkDocuments());
			default -> experiment("The restart", () -> {
				for (StackControl.Proc proc : this.stack.instances(SERVICE)) {
					if (!proc.alive()) {
						this.stack.instance(SERVICE, proc.instance(), "start");
						say("Started " + proc.name() + " again; it rejoins " + GROUP + " when it is up.");
					}
				}
			});
		}
	}

	private void crash() {
		if (this.stack.running(SERVICE).size() < 2) {
			StackControl.Proc second = this.stack.addInstance(SERVICE);
			say("Only one db-writer was running: started " + second.name()
					+ " first, so someone is left to take over.");
		}
		// an instance that has not joined yet owns nothing: killing it would show nothing
		int running = this.stack.running(SERVICE).size();
		if (awaitGroup(GROUP, Duration.ofMinutes(3), (g) -> g.processes() >= running && settled(g)).isEmpty()) {
			say("Not every db-writer instance had joined " + GROUP + " within 3 minutes; try again.");
			return;
		}
		StackControl.Proc victim = this.stack.running(SERVICE)
			.stream()
			.max(Comparator.comparingInt(StackControl.Proc::instance))
			.orElseThrow();
		Map<String, List<Integer>> before = owners(GROUP);
		int instancesBefore = group(GROUP).map(ClusterFacts.Group::processes).orElse(0);
		long duplicatesBefore = this.stack.duplicates(victim.name());
		StackControl.Proc killed = this.stack.instance(SERVICE, victim.instance(), "kill");
		Instant killedAt = this.clock.instant();
		say("kill -9 " + killed.pid() + ": " + killed.name() + " is gone (exit code " + killed.exitCode()
				+ "), without leaving its group. " + owned(before.getOrDefault(victim.name(), List.of())));
		Optional<ClusterFacts.Group> noticed = awaitGroup(GROUP, Duration.ofSeconds(120),
				(g) -> !g.members().containsKey(victim.name()) && settled(g));
		if (noticed.isEmpty()) {
			say("After 2 minutes " + GROUP + " still lists " + victim.name() + ".");
			return;
		}
		Duration took = Duration.between(killedAt, this.clock.instant());
		List<String> moves = StackControlNarration.moves(before, noticed.get().owners(TOPIC));
		say("The coordinator noticed after " + seconds(took.toMillis()) + " (the session timeout: no heartbeat "
				+ "arrived); " + GROUP + " went from " + instancesBefore + " to " + noticed.get().processes()
				+ " instances; " + (moves.isEmpty() ? "no partition moved" : String.join("; ", moves)) + ".");
		LagEpisode lag = watchLag(GROUP, 500, Duration.ofSeconds(90));
		long redelivered = this.stack.duplicates(victim.name()) - duplicatesBefore;
		String drained = (lag.drained() == null) ? " and had not drained 90 s later"
				: lag.drained().isZero() ? "" : " and drained in " + seconds(lag.drained().toMillis());
		say("Meanwhile lag rose to " + count(lag.peak()) + " records" + drained + ". "
				+ ((redelivered > 0) ? count(redelivered) + " fixes were delivered again (" + victim.name()
						+ " had written them but not committed their offsets); db-writer found them already stored "
						+ "(duplicate keys) and wrote no second document."
						: "No fix was delivered twice this time: " + victim.name() + " died after committing what "
								+ "it had written (it commits after every flush, so the window is one batch)."));
		this.lastCheck = checkDocuments();
	}

	private static String owned(List<Integer> partitions) {
		return partitions.isEmpty() ? "It owned no partition."
				: "It owned " + ((partitions.size() == 1) ? "partition " : "partitions ")
						+ StackControlNarration.ranges(partitions) + ".";
	}

	@Override
	void undo() {
		while (this.stack.running(SERVICE).size() > 1) {
			this.stack.removeInstance(SERVICE);
		}
		this.lastCheck = null;
	}

}
