package dev.ridertrack.localstack;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one output stream of the stack: every line of every process, prefixed with the
 * process's name padded to one width and, on a terminal, in the process's colour, as
 * {@code docker compose up} does.
 */
final class Console {

	static final String SELF = "local-stack";

	private static final int WIDTH = 18;

	private static final String RESET = "\u001B[0m";

	private static final String[] COLOURS = { "\u001B[36m", "\u001B[33m", "\u001B[32m", "\u001B[35m", "\u001B[34m",
			"\u001B[96m", "\u001B[93m", "\u001B[92m", "\u001B[95m", "\u001B[94m" };

	private final PrintStream out;

	private final boolean colour;

	private final boolean verbose;

	private final Map<String, String> colours = new ConcurrentHashMap<>();

	Console(PrintStream out, boolean colour) {
		this(out, colour, false);
	}

	/**
	 * A console.
	 * @param out where it prints
	 * @param colour whether to colour each process's prefix
	 * @param verbose whether every line of every process is shown ({@code --verbose}),
	 * not only what {@link ConsoleFilter} lets through
	 */
	Console(PrintStream out, boolean colour, boolean verbose) {
		this.out = out;
		this.colour = colour;
		this.verbose = verbose;
	}

	/**
	 * A console on standard output, coloured when that is a terminal.
	 * @param verbose whether every line of every process is shown
	 * @return the console
	 */
	static Console system(boolean verbose) {
		boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"))
				&& System.getenv("NO_COLOR") == null;
		return new Console(System.out, terminal, verbose);
	}

	/**
	 * What of one process's output this console shows.
	 * @return a filter for that process
	 */
	ConsoleFilter filter() {
		return new ConsoleFilter(this.verbose);
	}

	void line(String name, String text) {
		String prefix = prefix(name);
		synchronized (this.out) {
			this.out.println(prefix + text);
		}
	}

	void info(String text) {
		line(SELF, text);
	}

	/**
	 * Prints a block of lines with no prefix, so it stands out.
	 * @param text the block
	 */
	void block(String text) {
		synchronized (this.out) {
			this.out.print(this.colour ? "\u001B[1m" + text + RESET : text);
			this.out.flush();
		}
	}

	String prefix(String name) {
		String padded = String.format("%-" + WIDTH + "s| ", name);
		if (!this.colour) {
			return padded;
		}
		String code = this.colours.computeIfAbsent(name,
				(n) -> n.equals(SELF) ? "\u001B[1m" : COLOURS[this.colours.size() % COLOURS.length]);
		return code + padded + RESET;
	}

}
