package dev.ridertrack.tracking.lessons;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static dev.ridertrack.tracking.lessons.StackControlNarration.count;

/**
 * Lesson 14: a lag-based autoscaler for db-writer, switched on from the page. Each
 * decision starts or stops a real instance through the local stack and goes on the Kafka
 * page's timeline with its reason.
 */
@Component
class AutoscalerLesson extends StackControlLesson {

	private static final Logger log = LoggerFactory.getLogger(AutoscalerLesson.class);

	private static final String SERVICE = "db-writer";

	private static final String GROUP = "db-writer";

	private final StackControlProperties properties;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lesson-autoscaler");
		thread.setDaemon(true);
		return thread;
	});

	private ScheduledFuture<?> loop;

	private volatile AutoscalerPolicy policy;

	private volatile int decisions;

	AutoscalerLesson(StackControl stack, ClusterFacts facts, Clock clock, StackControlProperties properties) {
		super(stack, facts, clock);
		this.properties = properties;
	}

	@Override
	public String id() {
		return "autoscaler";
	}

	@Override
	public int number() {
		return 14;
	}

	@Override
	String title() {
		return "Consumers that scale themselves";
	}

	@Override
	String concept() {
		return "Consumer lag says whether a group keeps up. An autoscaler reads it: lag that keeps growing means too "
				+ "few consumers, so it starts one more; lag near zero for a while means one can go. It never "
				+ "goes past the partition count (12): a 13th consumer would sit idle.";
	}

	@Override
	String expect() {
		return "Switched on, it checks db-writer's lag every " + this.properties.autoscalerInterval().toSeconds()
				+ " s. A traffic spike or MongoDB away (lesson 7) makes lag grow: it adds an instance. When lag has "
				+ "stayed near zero for " + this.properties.autoscalerQuiet().toSeconds()
				+ " s it removes one. Every decision appears on the Kafka page's timeline with its reason.";
	}

	@Override
	String byHand() {
		return "Under docker compose there is no autoscaler; scale by hand: docker compose up -d --scale db-writer=N "
				+ "(Kubernetes does this with KEDA's Kafka scaler)";
	}

	@Override
	List<LessonState.Action> actions() {
		return List.of(LessonState.Action.button("on", "Switch on", "Starts the autoscaler for db-writer"),
				LessonState.Action.button("off", "Switch off", "Stops it; the instances stay as they are"));
	}

	@Override
	public boolean busy() {
		return isOn();
	}

	private synchronized boolean isOn() {
		return this.loop != null && !this.loop.isDone();
	}

	@Override
	List<LessonState.Block> view() {
		return List.of(assignment(SERVICE),
				new LessonState.Counters("Autoscaler", List.of(counter("switched", isOn() ? "on" : "off"),
						counter("db-writer instances", Integer.toString(this.stack.running(SERVICE).size())),
						counter("lag", count(lag(GROUP))), counter("decisions", Integer.toString(this.decisions)))));
	}

	@Override
	public LessonState put(JsonNode body) {
		if (!body.has("enabled")) {
			throw LessonProblem.invalid("Send {\"enabled\": true} or {\"enabled\": false}");
		}
		return post(body.path("enabled").asBoolean() ? "on" : "off", body);
	}

	@Override
	synchronized void act(String action, JsonNode body) {
		if (action.equals("on")) {
			if (isOn()) {
				return;
			}
			this.policy = new AutoscalerPolicy(this.properties.autoscalerGrowing(), this.properties.autoscalerQuiet(),
					this.properties.autoscalerCooldown(), PARTITIONS, this.properties.autoscalerNearZero(),
					this.properties.autoscalerWorthAdding());
			long period = this.properties.autoscalerInterval().toMillis();
			this.loop = this.scheduler.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
			say("Autoscaler on for db-writer: it reads the group's lag every "
					+ this.properties.autoscalerInterval().toSeconds() + " s.");
		}
		else {
			stopLoop();
			say("Autoscaler off after " + this.decisions + " decision" + ((this.decisions == 1) ? "" : "s") + ".");
		}
	}

	private void tick() {
		try {
			List<StackControl.Proc> running = this.stack.running(SERVICE);
			if (running.stream().anyMatch((p) -> p.state().equals("starting"))) {
				// an instance is still starting: its effect is not visible yet
				return;
			}
			AutoscalerPolicy.Decision decision = this.policy.decide(lag(GROUP), running.size(), this.clock.instant());
			switch (decision.action()) {
				case ADD -> {
					StackControl.Proc added = this.stack.addInstance(SERVICE);
					record("Autoscaler started " + added.name() + ": " + decision.reason());
				}
				case REMOVE -> {
					StackControl.Proc removed = this.stack.removeInstance(SERVICE);
					record("Autoscaler stopped " + removed.name() + ": " + decision.reason());
				}
				case NONE -> {
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Autoscaler round failed: {}", ex.getMessage());
		}
	}

	private void record(String text) {
		this.decisions++;
		this.facts.autoscalerDecision(GROUP, text);
		say(text);
	}

	private synchronized void stopLoop() {
		if (this.loop != null) {
			this.loop.cancel(false);
			this.loop = null;
		}
	}

	@Override
	void undo() {
		stopLoop();
		this.decisions = 0;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		super.destroy();
	}

}
