package dev.ridertrack.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pid files under {@code <data>/run}: one per process the stack started, and one for
 * the orchestrator itself. If an orchestrator dies without stopping its processes (a
 * {@code kill -9}), the next {@code up} or {@code down} finds them here and stops them,
 * after checking from the command line that the pid is really one of ours.
 */
final class PidFiles {

	/** The system property on every JVM we start; its value is the data directory. */
	static final String MARKER = "ridertrack.stack";

	static final String ORCHESTRATOR = "local-stack";

	/** Each process's restarts, for {@code ./ridertrack status}. */
	static final String RESTARTS = "restarts";

	private final Path runDir;

	private final Path dataDir;

	private final Console console;

	PidFiles(Path dataDir, Console console) {
		this.dataDir = dataDir;
		this.runDir = dataDir.resolve("run");
		this.console = console;
	}

	/**
	 * Refuses to go on when another orchestrator uses this data directory, and stops the
	 * processes a dead one left behind.
	 */
	void stopLeftovers() throws IOException {
		if (!Files.isDirectory(this.runDir)) {
			return;
		}
		Optional<ProcessHandle> other = read(ORCHESTRATOR).filter(ProcessHandle::isAlive)
			.filter((p) -> p.pid() != ProcessHandle.current().pid());
		if (other.isPresent()) {
			throw new StackException("A stack is already running from " + this.dataDir + " (pid " + other.get().pid()
					+ "). Stop it with ./ridertrack down, or use another --data DIR.");
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.runDir, "*.pid")) {
			for (Path file : files) {
				String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
				if (name.equals(ORCHESTRATOR)) {
					continue;
				}
				read(name).filter(ProcessHandle::isAlive).filter(this::isOurs).ifPresent((process) -> {
					this.console
						.info("Stopping " + name + " (pid " + process.pid() + ") left over from an earlier run");
					stop(process, Duration.ofSeconds(15));
				});
				Files.deleteIfExists(file);
			}
		}
	}

	/**
	 * Records this orchestrator, so {@code ./ridertrack down} and {@code status} find it.
	 * @param controlPort the port of its control API
	 */
	void writeOrchestrator(int controlPort) throws IOException {
		Files.createDirectories(this.runDir);
		Files.writeString(this.runDir.resolve(ORCHESTRATOR + ".pid"), Long.toString(ProcessHandle.current().pid()));
		Files.writeString(this.runDir.resolve("control.port"), Integer.toString(controlPort));
		Files.deleteIfExists(this.runDir.resolve(RESTARTS));
	}

	void removeOrchestrator() {
		try {
			if (read(ORCHESTRATOR).filter((p) -> p.pid() == ProcessHandle.current().pid()).isPresent()) {
				Files.deleteIfExists(this.runDir.resolve(ORCHESTRATOR + ".pid"));
				Files.deleteIfExists(this.runDir.resolve("control.port"));
				Files.deleteIfExists(this.runDir.resolve(RESTARTS));
			}
		}
		catch (IOException ex) {
			// a stale file is checked before it is used
		}
	}

	private Optional<ProcessHandle> read(String name) {
		Path file = this.runDir.resolve(name + ".pid");
		try {
			return ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private boolean isOurs(ProcessHandle process) {
		String commandLine = process.info().commandLine().orElse("");
		return commandLine.contains("-D" + MARKER + "=" + this.dataDir + " ") || workingDirectoryIsOurRedis(process);
	}

	/** Redis rewrites its command line, but it runs in the directory we gave it. */
	private boolean workingDirectoryIsOurRedis(ProcessHandle process) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
				.equals(this.dataDir.resolve("redis"));
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

	private static void stop(ProcessHandle process, Duration grace) {
		process.destroy();
		try {
			process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
	}

}
