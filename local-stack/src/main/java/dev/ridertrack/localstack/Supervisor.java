package dev.ridertrack.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Restarts a process that crashed, as Docker's {@code restart: unless-stopped} and a
 * Kubernetes pod do: after 1 s, then 2, 4, 8 s if it keeps crashing soon after each
 * restart, and not again after the fifth crash in a row (a crash loop), with a message
 * naming its log. A process that ran for a minute before it crashed starts a new count.
 * <p>
 * Only crashes come here ({@link ManagedProcess} tells them from a stop or kill someone
 * asked for), and only of processes that had been ready: one that never started fails
 * {@code ./ridertrack up} instead, with its last lines.
 */
final class Supervisor {

	/**
	 * When to restart and when to give up.
	 *
	 * @param firstDelay the wait before the first restart; it doubles for each crash in a
	 * row
	 * @param maxDelay the longest wait
	 * @param crashLoop crashes in a row after which it is given up on
	 * @param steady how long a process must run for its crash to start a new count
	 */
	record Policy(Duration firstDelay, Duration maxDelay, int crashLoop, Duration steady) {

		static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
				Duration.ofMinutes(1));

		Duration delay(int crashesInARow) {
			Duration delay = this.firstDelay.multipliedBy(1L << Math.min(crashesInARow - 1, 20));
			return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
		}

	}

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

	private final Console console;

	private final Policy policy;

	private final ScheduledExecutorService scheduler;

	private final Executor waiting;

	private final Consumer<ManagedProcess> launcher;

	private final BooleanSupplier stackStopping;

	private final StackEvents events;

	/**
	 * A supervisor.
	 * @param console where it says what it does
	 * @param policy when to restart and when to give up
	 * @param scheduler runs the delayed restarts
	 * @param waiting runs the waits until a restarted process is ready
	 * @param launcher starts a process (the stack's, which refuses while it stops)
	 * @param stackStopping whether the whole stack is stopping: then nothing is restarted
	 * @param events where crashes and restarts are recorded
	 */
	Supervisor(Console console, Policy policy, ScheduledExecutorService scheduler, Executor waiting,
			Consumer<ManagedProcess> launcher, BooleanSupplier stackStopping, StackEvents events) {
		this.console = console;
		this.policy = policy;
		this.scheduler = scheduler;
		this.waiting = waiting;
		this.launcher = launcher;
		this.stackStopping = stackStopping;
		this.events = events;
	}

	/**
	 * Restarts this process whenever it crashes.
	 * @param process the process
	 */
	void watch(ManagedProcess process) {
		process.onCrash(this::crashed);
	}

	private void crashed(ManagedProcess process, int exitCode, Duration ranFor) {
		if (this.stackStopping.getAsBoolean()) {
			return;
		}
		Instant at = Instant.now();
		int inARow = process.restarts().crashed(at, ranFor.compareTo(this.policy.steady()) >= 0);
		this.events.add(StackEvents.Kind.CRASHED, process.name(),
				process.name() + " exited unexpectedly with code " + exitCode);
		if (inARow >= this.policy.crashLoop()) {
			process.restarts().giveUp();
			String text = String.format(Locale.ROOT,
					"%s crashed %d times in a row, each time within %d s of starting: not restarting it again. "
							+ "Find out why in %s, then start it with POST /api/stack/%s",
					process.name(), inARow, this.policy.steady().toSeconds(), process.logFile(), route(process));
			this.console.info(text);
			this.events.add(StackEvents.Kind.GAVE_UP, process.name(), text);
			return;
		}
		Duration delay = this.policy.delay(inARow);
		this.console
			.info(String.format(Locale.ROOT, "%s: restarting in %s (crash %d in a row; after %d it is left down)",
					process.name(), seconds(delay), inARow, this.policy.crashLoop()));
		this.scheduler.schedule(() -> restart(process, at), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void restart(ManagedProcess process, Instant crashedAt) {
		// someone may have started or stopped it meanwhile, or be stopping everything
		if (this.stackStopping.getAsBoolean() || process.isAlive() || !process.wanted()
				|| process.restarts().gaveUp()) {
			return;
		}
		try {
			this.launcher.accept(process);
		}
		catch (RuntimeException ex) {
			this.console.info("Could not restart " + process.name() + ": " + ex.getMessage());
			return;
		}
		process.restarts().restarted(Instant.now());
		this.events.add(StackEvents.Kind.RESTARTED, process.name(),
				process.name() + " restarted (restart " + process.restarts().count() + ")");
		this.waiting.execute(() -> {
			try {
				process.awaitReady(READY_TIMEOUT);
			}
			catch (StackException ex) {
				// it crashed again (reported as a crash) or was stopped meanwhile
				return;
			}
			Instant readyAt = Instant.now();
			process.restarts().readyAgain(readyAt);
			String text = String.format(Locale.ROOT, "%s is ready again, %s after it crashed (restart %d)",
					process.name(), seconds(Duration.between(crashedAt, readyAt)), process.restarts().count());
			this.console.info(text);
			this.events.add(StackEvents.Kind.RECOVERED, process.name(), text);
		});
	}

	private static String route(ManagedProcess process) {
		return switch (process.kind()) {
			case BROKER -> "brokers/" + process.instance() + "/start";
			case SERVICE -> "services/" + process.service() + "/" + process.instance() + "/start";
			default -> "infrastructure/" + process.name() + "/start";
		};
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
