package dev.ridertrack.localstack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a process's lines go to the shared console; every line goes to its log file
 * whatever this says. A person watching {@code ./ridertrack up} needs warnings, errors
 * and the load generator's progress; the rest of a start-up (hundreds of INFO lines from
 * six Spring Boot services) is in {@code data/logs/} and, with {@code --verbose}, on the
 * console too.
 * <p>
 * A line that starts a log record (a service's or a broker's {@code HH:mm:ss.SSS LEVEL},
 * or Redis's {@code pid:role date level-mark}) decides for the lines after it that start
 * none (a stack trace), so an exception is shown or hidden with its message. Output in no
 * known format (a JVM that cannot start, a tool) is shown when it reads like a failure.
 * One instance per process: it remembers that process's current record.
 */
final class ConsoleFilter {

	private static final Pattern LOG_RECORD = Pattern
		.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\b");

	/**
	 * Redis: {@code 123:M 05 Dec 2026 21:35:02.946 # text}. Redis 6 logs its start-up
	 * banner at its warning level ('#') too, so only what reads like a problem is one.
	 */
	private static final Pattern REDIS_RECORD = Pattern
		.compile("^\\d+:[XCSM] \\d{1,2} \\w{3} \\d{4} [\\d:.]+ ([.\\-*#]) ");

	private static final Pattern REDIS_PROBLEM = Pattern
		.compile("(?i)warning|error|fail|can't|could not|unable|denied");

	private static final Pattern LOOKS_LIKE_FAILURE = Pattern
		.compile("(?i)\\b(error|exception|fatal|failed|cannot|unable)\\b");

	/**
	 * The lines that say what the load generator is doing: the one it starts with and its
	 * progress.
	 */
	private static final Pattern HEADLINE = Pattern.compile("ProgressPrinter\\s*:|LoadEngine\\s*: Simulating ");

	/**
	 * Warnings and errors every healthy start prints, each harmless for the reason given:
	 * kept in the log file, left off the console so a real problem stands out.
	 */
	private static final List<Pattern> KNOWN_HARMLESS = List.of(
			// Kafka Streams creates its changelog and repartition topics and restores
			// from them at once; while six JVMs start on a small machine the broker takes
			// a few seconds to publish a new topic's metadata, and the admin client logs
			// every retry of Streams' end-offset lookup at ERROR. Streams retries until
			// it works (its own errors and the service's health show a lasting problem).
			Pattern.compile("Received unknown topic error for topic \\S+-(changelog|repartition)$"),
			// the same moment seen by Streams' consumer, subscribed to its repartition
			// topic before the first rebalance has created it
			Pattern.compile("reported a recoverable issue .*-(repartition|changelog)=UNKNOWN_TOPIC_OR_PARTITION"),
			// a consumer (or the stack) looking for its group coordinator makes the
			// broker create its offsets topic; asked again before the broker has
			// published the topic to itself, it tries to create it again and says so
			Pattern.compile("Auto topic creation failed for __consumer_offsets with error 'TOPIC_ALREADY_EXISTS'"),
			// brokers starting together look for each other before all are listening;
			// later, a broker that is down (a lesson stopped it, or it is restarting)
			// is reported by the stack and shown on the Kafka page, not once a second
			Pattern
				.compile("Connection to node -?\\d+ \\(\\S+\\) could not be established\\. Node may not be available"),
			// a follower fetching a partition its leader has just created: Kafka
			// itself calls it transient
			Pattern.compile("Received UNKNOWN_TOPIC_ID from the leader for partition .* may be returned transiently"),
			// three controllers starting at once: a registration reaches one that has
			// just lost the election (NotControllerException) and is sent again to the
			// winner
			Pattern.compile("Unexpected error handling request RequestHeader\\(apiKey=CONTROLLER_REGISTRATION"),
			// every freshly formatted KRaft node says this once
			Pattern.compile("Performing controller activation\\. The metadata log appears to be empty"),
			// kernel settings that matter to a production Redis's background saves, not
			// to a development one
			Pattern.compile("WARNING (Memory overcommit must be enabled|you have Transparent Huge Pages)"),
			// the API docs are meant to be on in a development stack
			Pattern.compile("SpringDoc .* endpoint is enabled by default"));

	private final boolean verbose;

	private boolean showingRecord;

	private boolean inRecord;

	/**
	 * A filter for one process.
	 * @param verbose show every line ({@code --verbose})
	 */
	ConsoleFilter(boolean verbose) {
		this.verbose = verbose;
	}

	/**
	 * Whether this line, the next of the process's output, goes to the console.
	 * @param line the line
	 * @return whether to show it
	 */
	synchronized boolean show(String line) {
		if (this.verbose) {
			return true;
		}
		Matcher record = LOG_RECORD.matcher(line);
		if (record.find()) {
			return startRecord(
					isWarningOrWorse(record.group(1)) && !knownHarmless(line) || HEADLINE.matcher(line).find());
		}
		Matcher redis = REDIS_RECORD.matcher(line);
		if (redis.find()) {
			return startRecord(
					redis.group(1).equals("#") && REDIS_PROBLEM.matcher(line).find() && !knownHarmless(line));
		}
		if (line.startsWith("Exception in thread") || line.startsWith("Error: ")) {
			// the JVM itself, whatever record came before
			return true;
		}
		if (this.inRecord) {
			return this.showingRecord;
		}
		return LOOKS_LIKE_FAILURE.matcher(line).find();
	}

	private boolean startRecord(boolean show) {
		this.inRecord = true;
		this.showingRecord = show;
		return show;
	}

	private static boolean isWarningOrWorse(String level) {
		return level.equals("WARN") || level.equals("ERROR") || level.equals("FATAL");
	}

	private static boolean knownHarmless(String line) {
		return KNOWN_HARMLESS.stream().anyMatch((pattern) -> pattern.matcher(line).find());
	}

}
