package dev.ridertrack.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The background services run below everything else: on a machine with fewer cores than
 * busy threads, Redis, the brokers and the live path come first.
 */
class ManagedProcessTests {

	private final Console console = new Console(
			new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

	private final List<ManagedProcess> processes = new ArrayList<>();

	@TempDir
	Path data;

	@AfterEach
	void stop() {
		this.processes.forEach((process) -> process.stop(Duration.ofSeconds(5)));
	}

	@Test
	void theStreamProcessorsTheHistoryWriterAndTheSimulatedRidersAreTheBackground() {
		assertThat(ServiceDefinition.ALL).filteredOn(ServiceDefinition::background)
			.extracting(ServiceDefinition::name)
			.containsExactly("eta-service", "analytics-service", "db-writer", "load-generator");
	}

	@Test
	void aBackgroundServiceRunsNicerThanRedisInItsOwnSessionAndKeepsItsPid() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the processes' state from /proc (Linux)");
		ManagedProcess service = started("eta-service", ManagedProcess.belowInfrastructure(List.of("sleep", "60")));
		ManagedProcess redis = started("redis", List.of("sleep", "60"));

		// the pid the stack knows (pid file, control API, kill) becomes the command's own
		// once the shell has exec'd nice and nice has exec'd the command
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Files.readString(Path.of("/proc", Long.toString(service.pid()), "cmdline")))
				.startsWith("sleep"));
		assertThat(nice(service)).isEqualTo(ManagedProcess.SERVICE_NICE);
		assertThat(nice(redis)).isZero();
		Path autogroup = Path.of("/proc", Long.toString(service.pid()), "autogroup");
		if (Files.exists(autogroup)) {
			// where the scheduler shares the CPU between sessions, the session's nice is
			// the one that counts
			assertThat(Files.readString(autogroup)).endsWith("nice " + ManagedProcess.SERVICE_NICE + "\n");
			assertThat(Files.readString(Path.of("/proc", Long.toString(redis.pid()), "autogroup")))
				.endsWith("nice 0\n");
		}
	}

	private ManagedProcess started(String name, List<String> command) {
		ManagedProcess process = new ManagedProcess(name, ManagedProcess.Kind.SERVICE, name, 1, 0, command, Map.of(),
				this.data, this.console, () -> true);
		this.processes.add(process);
		process.start();
		process.awaitReady(Duration.ofSeconds(10));
		return process;
	}

	/** The process's nice value: the 19th field of its stat line. */
	private static int nice(ManagedProcess process) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
		return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
	}

}
