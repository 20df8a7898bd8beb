package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./ridertrack up} was asked for, parsed from its arguments and environment.
 *
 * @param root the repository root (where each service's {@code target/} jar is)
 * @param dataDir where brokers, Redis, MongoDB, logs and pid files keep their state
 * @param brokers Kafka brokers to run (1 or 3)
 * @param riders riders the load generator simulates (0 = do not start simulating)
 * @param fresh wipe the data directory first
 * @param mongoMemory keep MongoDB data in memory only (fast, forgotten on restart)
 * @param kafka an existing Kafka bootstrap address to use instead of starting brokers
 * @param redis an existing Redis {@code host:port} to use instead of starting one
 * @param mongodbUri an existing MongoDB to use instead of starting the compatible server
 * @param portsFrom first port of a compact block of ports to use instead of the usual
 * ones (so tests never clash with a running stack); {@code null} for the usual ports
 * @param host the host name clients use to reach the processes (advertised by Kafka)
 * @param serviceJvmOptions extra options for every service JVM
 * @param infraOnly start Kafka, Redis and MongoDB but no service (to run services from an
 * IDE against them)
 * @param verbose every line of every process on the console, not only warnings, errors
 * and progress
 * @param help only print the usage
 */
record StackOptions(Path root, Path dataDir, int brokers, int riders, boolean fresh, boolean mongoMemory, String kafka,
		String redis, String mongodbUri, Integer portsFrom, String host, List<String> serviceJvmOptions,
		boolean infraOnly, boolean verbose, boolean help) {

	static final int DEFAULT_RIDERS = 2000;

	static final String USAGE = """
			Usage: ./ridertrack up [options]      start everything (Ctrl-C stops it)
			       ./ridertrack down              stop a running stack (from another shell)
			       ./ridertrack status            what is running

			Options for up:
			  --brokers 1|3         Kafka brokers in KRaft mode (3: replication 3, min.insync.replicas 2; default 1)
			  --riders N            riders the load generator simulates (default %d; 0 = no load)
			  --data DIR            where data, logs and pid files go (default ./data)
			  --fresh               wipe the data directory first
			  --mongo-memory        MongoDB data in memory only: faster, forgotten on restart
			                        (default: durable H2 file under DIR/mongo)
			  --kafka HOST:PORT     use this Kafka instead of starting brokers
			  --redis HOST:PORT     use this Redis instead of starting one
			  --mongodb URI         use this MongoDB instead of starting one (also: env MONGODB_URI)
			  --ports-from N        use ports N..N+15 instead of 9092, 6379, 27017, 8080-8085, 8090
			                        (env RIDERTRACK_PORTS_FROM)
			  --jvm-opts "OPTS"     extra JVM options for every service
			  --infra-only          only Kafka, Redis and MongoDB (run the services from your IDE)
			  --verbose             every line of every process here (default: warnings, errors and
			                        progress here, everything in DIR/logs/<process>.log)
			  --no-build            do not build, even if something looks out of date
			  -h, --help            this text
			""".formatted(DEFAULT_RIDERS);

	/**
	 * Parses the arguments of {@code up}.
	 * @param args the command line arguments
	 * @param env the environment ({@code MONGODB_URI}, {@code RIDERTRACK_PORTS_FROM})
	 * @param workingDir the directory relative paths are resolved against
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when an argument is
	 * wrong
	 */
	static StackOptions parse(List<String> args, Map<String, String> env, Path workingDir) {
		Path root = workingDir;
		Path data = null;
		int brokers = 1;
		int riders = DEFAULT_RIDERS;
		boolean fresh = false;
		boolean mongoMemory = false;
		String kafka = null;
		String redis = null;
		String mongodbUri = blankToNull(env.get("MONGODB_URI"));
		Integer portsFrom = (blankToNull(env.get("RIDERTRACK_PORTS_FROM")) != null)
				? number("RIDERTRACK_PORTS_FROM", env.get("RIDERTRACK_PORTS_FROM")) : null;
		String host = "localhost";
		List<String> jvmOptions = new ArrayList<>();
		boolean help = false;
		boolean infraOnly = false;
		boolean verbose = false;
		Iterator<String> it = args.iterator();
		while (it.hasNext()) {
			String arg = it.next();
			String value = null;
			int eq = arg.indexOf('=');
			if (arg.startsWith("--") && eq > 0) {
				value = arg.substring(eq + 1);
				arg = arg.substring(0, eq);
			}
			switch (arg) {
				case "up", "--no-build" -> {
					// "up" is the default command; building is the script's business
				}
				case "-h", "--help" -> help = true;
				case "--fresh" -> fresh = true;
				case "--mongo-memory" -> mongoMemory = true;
				case "--infra-only" -> infraOnly = true;
				case "--verbose", "-v" -> verbose = true;
				case "--brokers" -> {
					brokers = number(arg, value(arg, value, it));
					if (brokers != 1 && brokers != 3) {
						throw new IllegalArgumentException("--brokers must be 1 or 3, not " + brokers);
					}
				}
				case "--riders" -> {
					riders = number(arg, value(arg, value, it));
					if (riders < 0) {
						throw new IllegalArgumentException("--riders must be 0 or more, not " + riders);
					}
				}
				case "--data" -> data = workingDir.resolve(value(arg, value, it));
				case "--root" -> root = workingDir.resolve(value(arg, value, it));
				case "--kafka" -> kafka = hostPort(arg, value(arg, value, it));
				case "--redis" -> redis = hostPort(arg, value(arg, value, it));
				case "--mongodb" -> mongodbUri = value(arg, value, it);
				case "--ports-from" -> portsFrom = number(arg, value(arg, value, it));
				case "--host" -> host = value(arg, value, it);
				case "--jvm-opts" -> jvmOptions.addAll(List.of(value(arg, value, it).trim().split("\\s+")));
				default -> throw new IllegalArgumentException("Unknown option " + arg + " (see --help)");
			}
		}
		if (portsFrom != null && (portsFrom < 1024 || portsFrom > 65535 - PortLayout.BLOCK_SIZE)) {
			throw new IllegalArgumentException(
					"--ports-from must be between 1024 and " + (65535 - PortLayout.BLOCK_SIZE) + ", not " + portsFrom);
		}
		if (mongodbUri != null && !mongodbUri.startsWith("mongodb")) {
			throw new IllegalArgumentException(
					"--mongodb must be a mongodb:// or mongodb+srv:// URI, not " + mongodbUri);
		}
		jvmOptions.removeIf(String::isEmpty);
		Path dataDir = ((data != null) ? data : root.resolve("data")).toAbsolutePath().normalize();
		return new StackOptions(root.toAbsolutePath().normalize(), dataDir, brokers, riders, fresh, mongoMemory, kafka,
				redis, mongodbUri, portsFrom, host, List.copyOf(jvmOptions), infraOnly, verbose, help);
	}

	/**
	 * The ports to use.
	 * @return the usual ports, or the compact block from {@link #portsFrom()}
	 */
	PortLayout ports() {
		return (this.portsFrom != null) ? PortLayout.from(this.portsFrom) : PortLayout.defaults();
	}

	boolean startsBrokers() {
		return this.kafka == null;
	}

	boolean startsRedis() {
		return this.redis == null;
	}

	boolean startsMongo() {
		return this.mongodbUri == null;
	}

	private static String value(String option, String inline, Iterator<String> it) {
		if (inline != null) {
			return inline;
		}
		if (!it.hasNext()) {
			throw new IllegalArgumentException(option + " needs a value (see --help)");
		}
		return it.next();
	}

	private static int number(String option, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " must be a number, not '" + value + "'");
		}
	}

	private static String hostPort(String option, String value) {
		int colon = value.lastIndexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			throw new IllegalArgumentException(option + " must be HOST:PORT, not '" + value + "'");
		}
		number(option + " port", value.substring(colon + 1));
		return value;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
