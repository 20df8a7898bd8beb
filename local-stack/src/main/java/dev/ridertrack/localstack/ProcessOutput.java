package dev.ridertrack.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where one process's output goes: every line to {@code <data>/logs/<name>.log}, the
 * lines a person needs to the shared console ({@link ConsoleFilter}), and the last few
 * kept for the message when it fails.
 */
final class ProcessOutput {

	private static final int KEPT = 20;

	private final String name;

	private final Path logFile;

	private final Console console;

	private final ConsoleFilter filter;

	private final Deque<String> lastLines = new ArrayDeque<>();

	ProcessOutput(String name, Path logFile, Console console) {
		this.name = name;
		this.logFile = logFile;
		this.console = console;
		this.filter = console.filter();
	}

	/**
	 * Copies a process's output until it closes; runs on a thread of its own.
	 * @param process the process
	 * @param command what was started, for the log's header line
	 */
	void pump(Process process, List<String> command) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter log = Files.newBufferedWriter(this.logFile, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
			log.write("==== " + Instant.now() + " started pid " + process.pid() + ": " + String.join(" ", command)
					+ "\n");
			log.flush();
			String line;
			while ((line = reader.readLine()) != null) {
				if (this.filter.show(line)) {
					this.console.line(this.name, line);
				}
				remember(line);
				log.write(line);
				log.write('\n');
				log.flush();
			}
		}
		catch (IOException ex) {
			// the process went away with its pipe; its exit is reported elsewhere
		}
	}

	private void remember(String line) {
		synchronized (this.lastLines) {
			this.lastLines.addLast(line);
			if (this.lastLines.size() > KEPT) {
				this.lastLines.removeFirst();
			}
		}
	}

	/**
	 * The last lines the process printed, indented, for a message about it.
	 * @return them, one per line
	 */
	String lastLines() {
		synchronized (this.lastLines) {
			StringBuilder text = new StringBuilder();
			this.lastLines.forEach((line) -> text.append("    ").append(line).append('\n'));
			return text.toString();
		}
	}

	Path logFile() {
		return this.logFile;
	}

}
