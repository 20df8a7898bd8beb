package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process the stack started: a broker, Redis, the MongoDB-compatible server or a
 * service instance. It runs in its own session (so Ctrl-C reaches only the orchestrator,
 * which then stops everything in order), its output goes to the console and to
 * {@code <data>/logs/<name>.log} ({@link ProcessOutput}), and its pid to
 * {@code <data>/run/<name>.pid} so a later {@code up} or {@code down} can clean up after
 * a crashed orchestrator.
 * <p>
 * It tells a deliberate end (stop, kill, a finished one-shot job) from a crash: only a
 * crash of a process that had been ready goes to its {@link #onCrash crash listener}, the
 * {@link Supervisor}.
 */
final class ManagedProcess {

	enum Kind {

		BROKER, REDIS, MONGO, SERVICE

	}

	enum State {

		STARTING, RUNNING, STOPPING, STOPPED, FAILED

	}

	/** Told when a process that had been ready exits without being asked to. */
	interface CrashListener {

		void crashed(ManagedProcess process, int exitCode, Duration ranFor);

	}

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	/** How much lower than everything else the background services run ({@code nice}). */
	static final int SERVICE_NICE = 5;

	/**
	 * Lowers the session and the process by {@code %1$d}, then runs its arguments (one
	 * line: the log's header shows it).
	 */
	private static final String LOWER_AND_EXEC = "[ -w /proc/self/autogroup ] && for try in 1 2 3 4 5; do"
			+ " { echo %1$d > /proc/self/autogroup; } 2> /dev/null && break; sleep 0.2; done; exec nice -n %1$d \"$@\"";

	private final String name;

	private final Kind kind;

	private final String service;

	private final int instance;

	private final int port;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path pidFile;

	private final Console console;

	private final ProcessOutput output;

	private final BooleanSupplier healthCheck;

	private final Restarts restarts = new Restarts();

	private volatile Process process;

	private volatile Instant startedAt;

	private volatile State state = State.STOPPED;

	private volatile boolean healthy;

	private volatile Integer exitCode;

	private volatile boolean oneShot;

	/** False once someone asked it to stop: a process nobody wants is never restarted. */
	private volatile boolean wanted;

	private volatile boolean everReady;

	private volatile CrashListener crashListener;

	ManagedProcess(String name, Kind kind, String service, int instance, int port, List<String> command,
			Map<String, String> environment, Path dataDir, Console console, BooleanSupplier healthCheck) {
		this.name = name;
		this.kind = kind;
		this.service = service;
		this.instance = instance;
		this.port = port;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.pidFile = dataDir.resolve("run").resolve(name + ".pid");
		this.console = console;
		this.output = new ProcessOutput(name, dataDir.resolve("logs").resolve(name + ".log"), console);
		this.healthCheck = healthCheck;
	}

	synchronized void start() {
		if (isAlive()) {
			return;
		}
		List<String> cmd = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			// Own session: a terminal's Ctrl-C goes to the orchestrator only, which stops
			// services before the brokers they depend on.
			cmd.add(SETSID.toString());
		}
		cmd.addAll(this.command);
		ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(this.environment);
		try {
			Files.createDirectories(logFile().getParent());
			Files.createDirectories(this.pidFile.getParent());
			this.exitCode = null;
			this.healthy = false;
			this.wanted = true;
			this.state = State.STARTING;
			this.process = builder.start();
			this.startedAt = Instant.now();
			Files.writeString(this.pidFile, Long.toString(this.process.pid()));
		}
		catch (IOException ex) {
			this.state = State.FAILED;
			throw new UncheckedIOException("Could not start " + this.name + ": " + ex.getMessage(), ex);
		}
		Process started = this.process;
		if (!this.oneShot) {
			this.console.line(this.name, "starting, pid " + started.pid());
		}
		Thread pump = new Thread(() -> this.output.pump(started, this.command), this.name + "-output");
		pump.setDaemon(true);
		pump.start();
		started.onExit().thenAccept(this::exited);
	}

	/**
	 * A command that runs {@link #SERVICE_NICE} below everything else: a background
	 * service's ({@link ServiceDefinition#background}). On a machine with fewer cores
	 * than busy threads the scheduler shares the CPU between sessions (Linux's
	 * autogroups; every process here is its own session), so Redis, one thread that every
	 * service waits on, got a ninth of the machine like any JVM: under the seeds'
	 * scenario it waited in the run queue more than it ran (54 % of the time against 35
	 * %), tracking's writes waited on it, and tracking fell 98 s behind (issue 14).
	 * Lowering needs no privilege, where raising Redis would. The shell sets its
	 * session's nice where there are autogroups (the kernel allows an unprivileged change
	 * ten times a second, so it tries again) and the process's own, then execs the
	 * command: the pid stays the service's.
	 * @param command the command
	 * @return the command behind a shell that lowers it
	 */
	static List<String> belowInfrastructure(List<String> command) {
		String script = LOWER_AND_EXEC.formatted(SERVICE_NICE);
		List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
		cmd.addAll(command);
		return cmd;
	}

	private void exited(Process process) {
		if (process != this.process) {
			return;
		}
		int code = process.exitValue();
		this.exitCode = code;
		this.healthy = false;
		boolean crashed;
		synchronized (this) {
			crashed = this.state != State.STOPPING && !this.oneShot && this.wanted;
			this.state = crashed ? State.FAILED : State.STOPPED;
		}
		if (crashed) {
			this.console.info(this.name + " exited unexpectedly with code " + code + " (log: " + logFile() + ")");
		}
		try {
			// only our own: a restarted instance has already written its new pid
			if (Files.exists(this.pidFile)
					&& Files.readString(this.pidFile).trim().equals(Long.toString(process.pid()))) {
				Files.deleteIfExists(this.pidFile);
			}
		}
		catch (IOException ex) {
			// a stale pid file is checked before it is used
		}
		CrashListener listener = this.crashListener;
		if (crashed && this.everReady && listener != null) {
			listener.crashed(this, code, Duration.between(this.startedAt, Instant.now()));
		}
	}

	/**
	 * Who hears of this process's crashes.
	 * @param listener the listener
	 */
	void onCrash(CrashListener listener) {
		this.crashListener = listener;
	}

	/**
	 * Stops the process: SIGTERM, then SIGKILL if it has not gone within the grace time.
	 * @param grace how long to let it shut down cleanly
	 */
	void stop(Duration grace) {
		Process current = requestStop();
		if (current == null) {
			return;
		}
		try {
			if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.console.info(this.name + " did not stop within " + grace.toSeconds() + " s; killing it");
				kill();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		awaitExited(current);
	}

	/**
	 * Asks the process to stop (SIGTERM) and returns at once.
	 * @return the process asked, or {@code null} if it was not running
	 */
	Process requestStop() {
		this.wanted = false;
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			this.state = (this.state == State.FAILED) ? State.FAILED : State.STOPPED;
			return null;
		}
		synchronized (this) {
			this.state = State.STOPPING;
		}
		this.healthy = false;
		current.destroy();
		return current;
	}

	/**
	 * Stops the process at once (SIGKILL) and waits until it has gone. Deliberate, so it
	 * is not restarted: the lessons kill a consumer to show what its group does without
	 * it.
	 */
	void kill() {
		this.wanted = false;
		Process current = this.process;
		if (current == null) {
			return;
		}
		synchronized (this) {
			this.state = State.STOPPING;
		}
		current.descendants().forEach(ProcessHandle::destroyForcibly);
		current.destroyForcibly();
		awaitExited(current);
		if (this.exitCode == null && !current.isAlive() && current == this.process) {
			// exited() runs on another thread; whoever asked for the kill sees 137 now
			this.exitCode = current.exitValue();
		}
	}

	private void awaitExited(Process current) {
		try {
			current.waitFor(10, TimeUnit.SECONDS);
			current.onExit().get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// exited() has run or will; nothing more to do
		}
		this.state = State.STOPPED;
	}

	/**
	 * Marks this as a process that does one job and exits, so its exit is no failure.
	 * @return this process
	 */
	ManagedProcess oneShot() {
		this.oneShot = true;
		return this;
	}

	/**
	 * Waits for a process that does one job (formatting storage) to finish.
	 * @param timeout how long to wait
	 * @return its exit code, or -1 if it did not finish in time (it is then killed)
	 */
	int waitForExit(Duration timeout) {
		Process current = this.process;
		try {
			if (!current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				current.destroyForcibly();
				return -1;
			}
			return current.exitValue();
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Waits until the process is ready, or fails with its last output when it exits or
	 * takes too long.
	 * @param timeout how long to wait
	 */
	void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				throw new StackException(this.name + " exited before it was ready (code "
						+ ((current != null) ? current.exitValue() : "?") + "). Its last lines:\n" + lastLines()
						+ "Full log: " + logFile());
			}
			if (checkHealth()) {
				markRunning();
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new StackException(this.name + " was not ready after " + timeout.toSeconds()
						+ " s. Its last lines:\n" + lastLines() + "Full log: " + logFile());
			}
			try {
				// readiness of another process (a port, a health URL) can only be polled
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StackException("Interrupted while waiting for " + this.name);
			}
		}
	}

	private synchronized void markRunning() {
		// not when a stop has begun meanwhile
		if (this.state == State.STARTING) {
			this.state = State.RUNNING;
			this.everReady = true;
		}
	}

	/**
	 * Asks the process whether it is healthy and remembers the answer.
	 * @return whether it is
	 */
	boolean checkHealth() {
		boolean ok;
		try {
			ok = isAlive() && this.healthCheck.getAsBoolean();
		}
		catch (RuntimeException ex) {
			ok = false;
		}
		this.healthy = ok;
		return ok;
	}

	String lastLines() {
		return this.output.lastLines();
	}

	boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** Whether it should be running: started, and not asked to stop since. */
	boolean wanted() {
		return this.wanted;
	}

	String name() {
		return this.name;
	}

	Kind kind() {
		return this.kind;
	}

	/** The service this is an instance of, or the process name for infrastructure. */
	String service() {
		return this.service;
	}

	int instance() {
		return this.instance;
	}

	int port() {
		return this.port;
	}

	Long pid() {
		Process current = this.process;
		return (current != null) ? current.pid() : null;
	}

	State state() {
		return this.state;
	}

	boolean healthy() {
		return this.healthy;
	}

	Integer exitCode() {
		return this.exitCode;
	}

	Restarts restarts() {
		return this.restarts;
	}

	Duration uptime() {
		Instant started = this.startedAt;
		return (started != null && isAlive()) ? Duration.between(started, Instant.now()) : Duration.ZERO;
	}

	Path logFile() {
		return this.output.logFile();
	}

}
