package dev.ridertrack.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor on real processes (shell commands standing in for services): a process
 * killed with SIGKILL from outside comes back; one that keeps crashing is given up on
 * with a message naming its log; one stopped or killed on purpose stays down.
 */
class SupervisorTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final Console console = new Console(new PrintStream(this.printed, true, StandardCharsets.UTF_8), false);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService waiting = Executors.newCachedThreadPool();

	private final StackEvents events = new StackEvents();

	@TempDir
	Path data;

	private ManagedProcess process;

	@AfterEach
	void stop() {
		if (this.process != null) {
			this.process.kill();
		}
		this.scheduler.shutdownNow();
		this.waiting.shutdownNow();
	}

	@Test
	void restartsAProcessKilledWithSigkillFromOutside() throws Exception {
		this.process = running("sleep 600", Supervisor.Policy.DEFAULT);
		long pid = this.process.pid();

		kill9(pid);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.process.restarts().count()).isEqualTo(1);
			assertThat(this.process.isAlive()).isTrue();
			assertThat(this.process.pid()).isNotEqualTo(pid);
			assertThat(printed()).contains("crashy exited unexpectedly with code 137")
				.contains("crashy: restarting in 1.0 s")
				.contains("crashy is ready again");
		});
		assertThat(this.process.state()).isEqualTo(ManagedProcess.State.RUNNING);
		assertThat(this.events.all()).extracting(StackEvents.Event::kind)
			.containsExactly(StackEvents.Kind.CRASHED, StackEvents.Kind.RESTARTED, StackEvents.Kind.RECOVERED);
	}

	@Test
	void givesUpOnACrashLoopWithAMessageNamingTheLogFile() {
		Supervisor.Policy fast = new Supervisor.Policy(Duration.ofMillis(50), Duration.ofSeconds(1), 5,
				Duration.ofMinutes(1));
		this.process = running("echo 'cannot connect to the database'; sleep 0.3; exit 3", fast);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.process.restarts().gaveUp());

		assertThat(this.process.restarts().count()).as("restarts before giving up").isEqualTo(4);
		assertThat(printed()).contains("crashy crashed 5 times in a row, each time within 60 s of starting: "
				+ "not restarting it again. Find out why in " + this.data.resolve("logs").resolve("crashy.log"));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !this.process.isAlive());
		assertThat(this.events.all()).last().extracting(StackEvents.Event::kind).isEqualTo(StackEvents.Kind.GAVE_UP);
	}

	@Test
	void leavesAProcessKilledOrStoppedOnPurposeDown() {
		Supervisor.Policy fast = new Supervisor.Policy(Duration.ofMillis(50), Duration.ofSeconds(1), 5,
				Duration.ofMinutes(1));
		this.process = running("sleep 600", fast);

		this.process.kill();

		assertThat(this.process.exitCode()).isEqualTo(137);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !this.process.isAlive());
		assertThat(this.process.restarts().count()).isZero();
		assertThat(printed()).doesNotContain("exited unexpectedly").doesNotContain("restarting");

		this.process.start();
		this.process.awaitReady(Duration.ofSeconds(10));
		this.process.stop(Duration.ofSeconds(5));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !this.process.isAlive());
		assertThat(this.process.restarts().count()).isZero();
	}

	private ManagedProcess running(String script, Supervisor.Policy policy) {
		ManagedProcess crashy = new ManagedProcess("crashy", ManagedProcess.Kind.SERVICE, "crashy", 1, 0,
				List.of("sh", "-c", script), Map.of(), this.data, this.console, () -> true);
		Supervisor supervisor = new Supervisor(this.console, policy, this.scheduler, this.waiting,
				ManagedProcess::start, () -> false, this.events);
		supervisor.watch(crashy);
		crashy.start();
		crashy.awaitReady(Duration.ofSeconds(10));
		return crashy;
	}

	private static void kill9(long pid) throws Exception {
		assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
	}

	private String printed() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}
