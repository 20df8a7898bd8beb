package dev.ridertrack.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes a benchmark starts, each with its output in a log file of its own and the
 * lines that matter echoed; stopped in the reverse order of their start.
 */
public final class ChildProcesses implements AutoCloseable {

	private final Path logs;

	private final List<Process> processes = new ArrayList<>();

	/**
	 * @param logs the directory every process's log goes to
	 */
	public ChildProcesses(Path logs) {
		this.logs = logs;
	}

	/**
	 * Starts a process.
	 * @param command the command line
	 * @param name the log file's name and the prefix of echoed lines
	 * @param onLine sees every line of output
	 * @param echo which lines are also printed
	 * @return the running process
	 * @throws IOException if it cannot start
	 */
	public Process start(List<String> command, String name, Consumer<String> onLine,
			java.util.function.Predicate<String> echo) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		Path log = this.logs.resolve(name + ".log");
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					BufferedWriter out = Files.newBufferedWriter(log)) {
				String line;
				while ((line = in.readLine()) != null) {
					out.write(line);
					out.newLine();
					onLine.accept(line);
					if (echo.test(line)) {
						System.out.println("  [" + name + "] " + line.replaceAll("^.*ProgressPrinter\\s*:\\s*", ""));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-" + name);
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	/** The java launcher of this JVM, for child JVMs. */
	public static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Stops every process still running, the last started first: SIGTERM, then after 20 s
	 * SIGKILL.
	 */
	@Override
	public void close() {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			Process process = this.processes.get(i);
			if (process.isAlive()) {
				process.destroy();
				try {
					process.waitFor(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				process.destroyForcibly();
			}
		}
		this.processes.clear();
	}

}
