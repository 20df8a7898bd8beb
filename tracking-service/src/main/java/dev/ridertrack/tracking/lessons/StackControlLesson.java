package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.JsonNode;

/**
 * What the lessons that control processes (4–8, 14) share: the local stack's control API
 * (or why it is not here and the compose command instead), one experiment at a time on
 * its own thread, narration lines as they happen, and the watcher's view of the real
 * groups.
 */
abstract class StackControlLesson implements Lesson, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StackControlLesson.class);

	static final String TOPIC = "rider-locations";

	static final int PARTITIONS = 12;

	static final Map<String, String> GROUPS = Map.of("db-writer", "db-writer", "eta-service", "eta",
			"analytics-service", "analytics", "tracking-service", "tracking");

	final StackControl stack;

	final ClusterFacts facts;

	final Clock clock;

	private final List<String> narration = new CopyOnWriteArrayList<>();

	private final ExecutorService worker;

	private volatile Future<?> experiment;

	StackControlLesson(StackControl stack, ClusterFacts facts, Clock clock) {
		this.stack = stack;
		this.facts = facts;
		this.clock = clock;
		this.worker = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "lesson-" + id());
			thread.setDaemon(true);
			return thread;
		});
	}

	abstract String title();

	abstract String concept();

	abstract String expect();

	/** The docker compose command that does the same by hand. */
	abstract String byHand();

	abstract List<LessonState.Action> actions();

	abstract List<LessonState.Block> view();

	/** Carries out an action; long parts go to {@link #experiment(String, Runnable)}. */
	abstract void act(String action, JsonNode body);

	/** Undoes what the lesson changed (extra instances, stopped processes). */
	abstract void undo();

	@Override
	public LessonState state() {
		List<LessonState.Block> view = List.of();
		if (this.stack.available()) {
			try {
				view = view();
			}
			catch (RuntimeException ex) {
				view = List.of(new LessonState.Counters("Cannot read the stack",
						List.of(new LessonState.Counters.Counter("error", String.valueOf(ex.getMessage()), "bad"))));
			}
		}
		return new LessonState(id(), number(), title(), concept(), expect(), this.stack.available(),
				this.stack.unavailableReason(), byHand(), busy(), actions(), view, List.copyOf(this.narration),
				this.clock.instant());
	}

	@Override
	public LessonState post(String action, JsonNode body) {
		if (actions().stream().noneMatch((a) -> a.id().equals(action))) {
			throw LessonProblem.unknownAction(id(), action);
		}
		this.stack.requireAvailable(byHand());
		act(action, body);
		return state();
	}

	@Override
	public synchronized void reset() {
		Future<?> running = this.experiment;
		if (running != null) {
			running.cancel(true);
		}
		if (this.stack.available()) {
			try {
				undo();
			}
			catch (RuntimeException ex) {
				log.warn("Lesson {}: could not undo everything: {}", id(), ex.getMessage());
			}
		}
		this.narration.clear();
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

	boolean busy() {
		Future<?> running = this.experiment;
		return running != null && !running.isDone();
	}

	/**
	 * Runs the long part of an action on the lesson's thread; one at a time.
	 * @param what what it does, for the narration if it fails
	 * @param steps the experiment
	 */
	synchronized void experiment(String what, Runnable steps) {
		if (busy()) {
			throw LessonProblem
				.unavailable("The lesson is still running its last action; wait for its narration " + "or reset it.");
		}
		this.experiment = this.worker.submit(() -> {
			try {
				steps.run();
			}
			catch (LessonInterrupted ex) {
				// reset
			}
			catch (RuntimeException ex) {
				log.warn("Lesson {}: {} failed", id(), what, ex);
				say(what + " did not finish: " + ex.getMessage());
			}
		});
	}

	void say(String line) {
		this.narration.add(line);
	}

	Optional<ClusterFacts.Group> group(String group) {
		return this.facts.group(group);
	}

	Map<String, List<Integer>> owners(String group) {
		return group(group).map((g) -> g.owners(TOPIC)).orElse(Map.of());
	}

	long lag(String group) {
		return group(group).map(ClusterFacts.Group::totalLag).map(Long::longValue).orElse(0L);
	}

	/**
	 * Fixes on the topic: the sum of its partitions' end minus start offsets.
	 * @return the count, as the watcher read it last
	 */
	long fixesOnTopic() {
		return this.facts.topic(TOPIC)
			.map((t) -> t.partitions()
				.stream()
				.mapToLong(
						(p) -> (p.endOffset() != null && p.startOffset() != null) ? p.endOffset() - p.startOffset() : 0)
				.sum())
			.orElse(0L);
	}

	/**
	 * Waits, polling the watcher's snapshot, until the group satisfies the condition.
	 * @return the group then, or empty after the timeout
	 */
	Optional<ClusterFacts.Group> awaitGroup(String group, Duration timeout, Predicate<ClusterFacts.Group> condition) {
		Instant deadline = this.clock.instant().plus(timeout);
		while (this.clock.instant().isBefore(deadline)) {
			Optional<ClusterFacts.Group> now = group(group);
			if (now.isPresent() && condition.test(now.get())) {
				return now;
			}
			pause(Duration.ofMillis(500));
		}
		return Optional.empty();
	}

	/** The group is settled: not rebalancing and every partition of the topic owned. */
	static boolean settled(ClusterFacts.Group g) {
		return !g.rebalancing() && g.state().equals("STABLE")
				&& g.owners(TOPIC).values().stream().mapToInt(List::size).sum() == PARTITIONS;
	}

	/**
	 * Samples the group's lag until it is back to at most {@code drainedAt} after having
	 * peaked, or the timeout passes.
	 * @return the peak and when it drained (null when it did not)
	 */
	LagEpisode watchLag(String group, long drainedAt, Duration timeout) {
		Instant start = this.clock.instant();
		Instant deadline = start.plus(timeout);
		long peak = 0;
		Instant peakAt = start;
		while (this.clock.instant().isBefore(deadline)) {
			long lag = lag(group);
			if (lag > peak) {
				peak = lag;
				peakAt = this.clock.instant();
			}
			if (peak > drainedAt && lag <= drainedAt) {
				return new LagEpisode(peak, Duration.between(start, peakAt),
						Duration.between(peakAt, this.clock.instant()));
			}
			if (peak <= drainedAt && Duration.between(start, this.clock.instant()).toSeconds() >= 15) {
				// it never rose past the mark: nothing to drain
				return new LagEpisode(peak, Duration.between(start, peakAt), Duration.ZERO);
			}
			pause(Duration.ofMillis(500));
		}
		return new LagEpisode(peak, Duration.between(start, peakAt), null);
	}

	/**
	 * Compares db-writer's documents with the fixes on the topic, exactly: the load
	 * generator pauses, db-writer catches up (lag 0), both are counted, the load resumes.
	 * @return documents, fixes on the topic, and whether they are equal
	 */
	DocumentCheck checkDocuments() {
		boolean paused = this.stack.load(false);
		try {
			Instant begin = this.clock.instant();
			Optional<ClusterFacts.Group> caughtUp = awaitGroup("db-writer", Duration.ofSeconds(120),
					(g) -> g.totalLag() != null && g.totalLag() == 0 && g.polledAt().isAfter(begin.plusSeconds(3)));
			long fixes = fixesOnTopic();
			long documents = this.stack.documents();
			DocumentCheck check = new DocumentCheck(documents, fixes, caughtUp.isPresent());
			say((caughtUp.isPresent() ? "With the load generator paused and db-writer caught up (lag 0)"
					: "db-writer did not reach lag 0 within 2 minutes; counted anyway") + ": documents in MongoDB "
					+ StackControlNarration.count(documents) + ", fixes on " + TOPIC + " "
					+ StackControlNarration.count(fixes)
					+ ((documents == fixes) ? ": equal, no fix lost and none stored twice."
							: ": they differ by " + StackControlNarration.count(Math.abs(fixes - documents))
									+ " (records that are not fixes, such as a poison record, are on the topic but "
									+ "not in MongoDB)."));
			return check;
		}
		finally {
			if (paused) {
				this.stack.load(true);
			}
		}
	}

	/**
	 * The comparison of the history with the topic.
	 *
	 * @param caughtUp whether db-writer had reached lag 0
	 */
	record DocumentCheck(long documents, long fixes, boolean caughtUp) {
	}

	/**
	 * A lag episode.
	 *
	 * @param peak the highest lag seen
	 * @param toPeak from the start of watching to the peak
	 * @param drained from the peak until it was back down ({@code ZERO} when it never
	 * rose past the mark), {@code null} if it was not
	 */
	record LagEpisode(long peak, Duration toPeak, Duration drained) {
	}

	LessonState.Block assignment(String service) {
		String group = GROUPS.get(service);
		Optional<ClusterFacts.Group> facts = group(group);
		List<LessonState.Assignment.Member> members = new ArrayList<>();
		facts.ifPresent((g) -> g.owners(TOPIC)
			.forEach((member, partitions) -> members
				.add(new LessonState.Assignment.Member(member, partitions, 0, partitions.isEmpty()))));
		return new LessonState.Assignment(service + " (group " + group + ") on " + TOPIC, group, TOPIC, PARTITIONS,
				members);
	}

	LessonState.Counters.Counter counter(String label, String value) {
		return new LessonState.Counters.Counter(label, value, null);
	}

	static String service(JsonNode body, String fallback) {
		String service = body.path("service").asString(fallback);
		if (!GROUPS.containsKey(service)) {
			throw LessonProblem.invalid("service must be one of " + GROUPS.keySet() + ", not '" + service + "'");
		}
		return service;
	}

	/**
	 * Waits on other processes (a group settling, lag draining): they can only be polled.
	 * @param time how long
	 */
	static void pause(Duration time) {
		try {
			Thread.sleep(time.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LessonInterrupted();
		}
	}

	/** The experiment was cancelled by a reset. */
	static final class LessonInterrupted extends RuntimeException {

		LessonInterrupted() {
			super("interrupted", null, false, false);
		}

	}

}
