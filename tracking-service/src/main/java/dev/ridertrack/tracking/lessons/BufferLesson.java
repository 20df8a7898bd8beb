package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;
import static dev.ridertrack.tracking.lessons.StackControlNarration.seconds;

/**
 * Lesson 7: MongoDB away for a while, or a traffic spike: the fixes wait in Kafka,
 * db-writer's lag grows, and drains when the database is back; documents = fixes.
 */
@Component
class BufferLesson extends StackControlLesson {

	private static final String GROUP = "db-writer";

	private volatile DocumentCheck lastCheck;

	BufferLesson(StackControl stack, ClusterFacts facts, Clock clock) {
		super(stack, facts, clock);
	}

	@Override
	public String id() {
		return "buffer";
	}

	@Override
	public int number() {
		return 7;
	}

	@Override
	String title() {
		return "Kafka as the buffer in front of the database";
	}

	@Override
	String concept() {
		return "Riders keep sending fixes whether or not the database keeps up. Kafka keeps them, in order, for a day: "
				+ "when MongoDB is away, db-writer retries its batch and commits nothing, its lag grows, and when "
				+ "MongoDB is back it catches up from where it stopped. Nobody upstream noticed.";
	}

	@Override
	String expect() {
		return "While MongoDB is stopped, db-writer's lag rises by the load's rate; after it is back, lag drains in "
				+ "seconds; the narration gives the peak, the catch-up time and documents = fixes on the topic.";
	}

	@Override
	String byHand() {
		return "docker compose stop mongo; sleep 40; docker compose start mongo (a spike: run the load generator "
				+ "with --scenario spike)";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(
				LessonState.Action.choice("stop-database", "Stop MongoDB for…", "seconds", List.of("20", "40", "60"),
						"Stops the MongoDB process, waits, and starts it again"),
				LessonState.Action.number("spike", "Traffic spike ×N", "POST", "factor", 2, 10, 3,
						"The load generator sends N times the fixes for 20 s"));
	}

	@Override
	List<LessonState.Block> view() {
		DocumentCheck check = this.lastCheck;
		return List.of(new LessonState.Counters("db-writer",
				List.of(counter("lag", count(lag(GROUP))), counter("fixes on the topic", count(fixesOnTopic())),
						counter("documents (last check)", (check != null) ? count(check.documents()) : "–"))));
	}

	@Override
	void act(String action, JsonNode body) {
		if (action.equals("stop-database")) {
			int seconds = Integer.parseInt(body.path("seconds").asString("20").trim());
			if (seconds < 5 || seconds > 120) {
				throw LessonProblem.invalid("seconds must be between 5 and 120, not " + seconds);
			}
			if (this.stack.mongoInMemory()) {
				throw LessonProblem.unavailable("This stack keeps MongoDB in memory (--mongo-memory): stopping it "
						+ "would forget the history. Run ./ridertrack up without --mongo-memory.");
			}
			experiment("Stopping MongoDB", () -> databaseAway(Duration.ofSeconds(seconds)));
		}
		else {
			int factor = body.path("factor").asInt(3);
			if (factor < 2 || factor > 10) {
				throw LessonProblem.invalid("factor must be between 2 and 10, not " + factor);
			}
			experiment("The spike", () -> spike(factor));
		}
	}

	private void databaseAway(Duration away) {
		long lagBefore = lag(GROUP);
		this.stack.infrastructure("mongo", "stop");
		Instant stoppedAt = this.clock.instant();
		say("MongoDB stopped; db-writer's lag was " + count(lagBefore) + ". It will be back in " + away.toSeconds()
				+ " s.");
		long peak = lagBefore;
		while (Duration.between(stoppedAt, this.clock.instant()).compareTo(away) < 0) {
			peak = Math.max(peak, lag(GROUP));
			pause(Duration.ofMillis(500));
		}
		this.stack.infrastructure("mongo", "start");
		Instant backAt = this.clock.instant();
		say("MongoDB is starting again after " + seconds(Duration.between(stoppedAt, backAt).toMillis())
				+ "; while it was away db-writer's lag grew to " + count(peak) + " fixes, kept by Kafka.");
		caughtUp(backAt, Math.max(2 * lagBefore, 500));
		this.lastCheck = checkDocuments();
	}

	private void spike(int factor) {
		long lagBefore = lag(GROUP);
		this.stack.spike(factor, 20);
		Instant began = this.clock.instant();
		say("The load generator sends ×" + factor + " for 20 s.");
		LagEpisode lag = watchLag(GROUP, Math.max(2 * lagBefore, 500), Duration.ofSeconds(90));
		say("db-writer's lag peaked at " + count(lag.peak()) + " fixes " + seconds(lag.toPeak().toMillis())
				+ " into the spike"
				+ ((lag.drained() != null)
						? (lag.drained().isZero() ? ", no more than db-writer's batches hold anyway."
								: " and drained " + seconds(lag.drained().toMillis()) + " later.")
						: "; it had not drained 90 s after the spike began.")
				+ " Total " + seconds(Duration.between(began, this.clock.instant()).toMillis()) + ".");
		this.lastCheck = checkDocuments();
	}

	private void caughtUp(Instant since, long drainedAt) {
		Instant deadline = since.plusSeconds(180);
		long peak = 0;
		while (this.clock.instant().isBefore(deadline)) {
			long lag = lag(GROUP);
			peak = Math.max(peak, lag);
			if (lag <= drainedAt && this.stack.running("db-writer").stream().allMatch(StackControl.Proc::healthy)) {
				say("db-writer caught up " + seconds(Duration.between(since, this.clock.instant()).toMillis())
						+ " after MongoDB was started (peak lag " + count(peak) + ", now " + count(lag) + ").");
				return;
			}
			pause(Duration.ofMillis(500));
		}
		say("db-writer had not caught up 3 minutes after MongoDB was started; lag " + count(lag(GROUP)) + ".");
	}

	@Override
	void undo() {
		this.stack.processes()
			.stream()
			.filter((p) -> p.kind().equals("mongo") && !p.alive())
			.findFirst()
			.ifPresent((p) -> this.stack.infrastructure("mongo", "start"));
		this.lastCheck = null;
	}

}
