package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;
import static dev.ridertrack.tracking.lessons.StackControlNarration.seconds;

/**
 * Lesson 4: one instance more or fewer of a real service, and its consumer group
 * rebalances: partitions move, lag spikes and drains; past 12 members one sits idle.
 */
@Component
class ScaleLesson extends StackControlLesson {

	private static final List<String> SERVICES = List.of("db-writer", "eta-service", "analytics-service",
			"tracking-service");

	private volatile String shown = "db-writer";

	ScaleLesson(StackControl stack, ClusterFacts facts, Clock clock) {
		super(stack, facts, clock);
	}

	@Override
	public String id() {
		return "scale";
	}

	@Override
	public int number() {
		return 4;
	}

	@Override
	String title() {
		return "Scale the real services' groups";
	}

	@Override
	String concept() {
		return "Each service's instances share its consumer group's 12 partitions of rider-locations. Start one more "
				+ "instance and the group rebalances: some partitions move to the newcomer. Stop one and its "
				+ "partitions move to the others. More than 12 instances cannot help: the 13th has nothing to read.";
	}

	@Override
	String expect() {
		return "After +1 the group goes from N to N+1 members within seconds of the new process starting; the "
				+ "narration names the partitions that moved and who owns them now, and how high lag rose while "
				+ "partitions changed hands and how fast it drained.";
	}

	@Override
	String byHand() {
		return "docker compose up -d --scale db-writer=3 (or eta-service, analytics-service, tracking-service; "
				+ "--scale db-writer=2 to go back)";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(
				LessonState.Action.choice("add", "+1 instance", "service", SERVICES,
						"Starts one more instance of the service: one more member of its group"),
				LessonState.Action.choice("remove", "−1 instance", "service", SERVICES,
						"Stops the service's newest instance gracefully; its partitions move to the others"));
	}

	@Override
	List<LessonState.Block> view() {
		String service = this.shown;
		List<StackControl.Proc> instances = this.stack.running(service);
		Optional<ClusterFacts.Group> group = group(GROUPS.get(service));
		return List.of(assignment(service), new LessonState.Counters(service, List.of(
				counter("instances running", Integer.toString(instances.size())),
				counter("group members", group.map((g) -> Integer.toString(g.memberCount())).orElse("–")),
				counter("group state", group.map(ClusterFacts.Group::state).orElse("–")),
				counter("lag", group.map((g) -> (g.totalLag() != null) ? count(g.totalLag()) : "–").orElse("–")))));
	}

	@Override
	void act(String action, JsonNode body) {
		String service = service(body, "db-writer");
		this.shown = service;
		String group = GROUPS.get(service);
		int before = group(group).map(ClusterFacts.Group::processes).orElse(0);
		int membersBefore = group(group).map(ClusterFacts.Group::memberCount).orElse(0);
		Map<String, List<Integer>> ownersBefore = owners(group);
		long lagBefore = lag(group);
		Instant asked = this.clock.instant();
		if (action.equals("add")) {
			StackControl.Proc started = this.stack.addInstance(service);
			experiment("Adding " + started.name(), () -> {
				say("Started " + started.name() + " (pid " + started.pid() + "); it joins " + group
						+ " once its JVM is up. " + group + " had " + before + " instance" + ((before == 1) ? "" : "s")
						+ ".");
				follow(group, before, membersBefore, ownersBefore, lagBefore, asked, true,
						(g) -> g.members().containsKey(started.name()));
			});
		}
		else {
			experiment("Removing an instance of " + service, () -> {
				StackControl.Proc removed = this.stack.removeInstance(service);
				say("Stopped " + removed.name() + " gracefully: it sent the coordinator a leave-group request on "
						+ "its way out, so the others take its partitions now instead of after the session timeout.");
				follow(group, before, membersBefore, ownersBefore, lagBefore, asked, false,
						(g) -> !g.members().containsKey(removed.name()));
			});
		}
	}

	/**
	 * Narrates the group's change: the rebalance, what moved, who is idle, the lag.
	 * @param started whether an instance was started (its JVM start is most of the wait)
	 * @param done when the change has happened (the new process is a member, or the
	 * removed one is not)
	 */
	private void follow(String group, int before, int membersBefore, Map<String, List<Integer>> ownersBefore,
			long lagBefore, Instant asked, boolean started, java.util.function.Predicate<ClusterFacts.Group> done) {
		Instant[] firstChange = new Instant[1];
		Optional<ClusterFacts.Group> after = awaitGroup(group, Duration.ofMinutes(3), (g) -> {
			if (firstChange[0] == null && (g.rebalancing() || g.memberCount() != membersBefore)) {
				firstChange[0] = this.clock.instant();
			}
			return done.test(g) && settled(g);
		});
		if (after.isEmpty()) {
			say(group + " did not settle within 3 minutes; it has "
					+ group(group).map(ClusterFacts.Group::memberCount).orElse(0) + " members.");
			return;
		}
		int expected = after.get().processes();
		Instant settledAt = this.clock.instant();
		Map<String, List<Integer>> ownersAfter = after.get().owners(TOPIC);
		List<String> moves = StackControlNarration.moves(ownersBefore, ownersAfter);
		List<String> sentence = new ArrayList<>();
		sentence.add(group + " went from " + before + " to " + expected + " instances (" + membersBefore + " to "
				+ after.get().memberCount() + " group members)");
		if (!moves.isEmpty()) {
			sentence.add(String.join("; ", moves));
		}
		say(String.join("; ", sentence) + rebalancing(firstChange[0], settledAt) + " ("
				+ seconds(Duration.between(asked, settledAt).toMillis()) + " after the click"
				+ (started ? ", most of it the new JVM starting)." : ")."));
		List<String> idle = StackControlNarration.idle(ownersAfter);
		if (!idle.isEmpty()) {
			say(String.join(", ", idle) + ((idle.size() == 1) ? " owns" : " own") + " no partition: " + PARTITIONS
					+ " partitions, " + expected + " instances. Past " + PARTITIONS + " an instance only waits.");
		}
		long usual = Math.max(2 * lagBefore, 500);
		LagEpisode lag = watchLag(group, usual, Duration.ofSeconds(60));
		if (lag.peak() <= usual) {
			say("Lag stayed within its usual range (at most " + count(lag.peak()) + " records; it was "
					+ count(lagBefore) + " before the click): the partitions changed hands quickly.");
		}
		else if (lag.drained() != null) {
			say("Lag peaked at " + count(lag.peak()) + " records and drained in " + seconds(lag.drained().toMillis())
					+ ".");
		}
		else {
			say("Lag peaked at " + count(lag.peak()) + " records and was still " + count(lag(group))
					+ " a minute later.");
		}
	}

	/**
	 * How long the rebalance took, as far as the page saw it: it looks at the group every
	 * second while one runs, so a shorter rebalance is over before the second look.
	 */
	private String rebalancing(Instant firstChange, Instant settledAt) {
		if (firstChange == null) {
			return "";
		}
		long millis = Duration.between(firstChange, settledAt).toMillis();
		return (millis < 1000) ? " in a rebalance shorter than the page's one-second look"
				: " in " + seconds(millis) + " of rebalancing";
	}

	@Override
	void undo() {
		for (String service : SERVICES) {
			while (this.stack.running(service).size() > 1) {
				this.stack.removeInstance(service);
			}
		}
	}

}
