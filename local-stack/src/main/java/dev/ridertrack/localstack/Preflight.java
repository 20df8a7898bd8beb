package dev.ridertrack.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What is checked and prepared before anything starts: the data directory (leftovers of a
 * killed orchestrator stopped, wiped for {@code --fresh}) and every port the stack needs
 * (taken ones refused with who holds them).
 */
final class Preflight {

	private static final List<String> DATA_DIRECTORIES = List.of("kafka", "redis", "mongo", "streams", "logs", "bin");

	private Preflight() {
	}

	static void prepareDataDirectory(StackOptions options, Console console) {
		Path dataDir = options.dataDir();
		try {
			Files.createDirectories(dataDir);
			PidFiles pidFiles = new PidFiles(dataDir, console);
			pidFiles.stopLeftovers();
			pidFiles.writeOrchestrator(options.ports().control());
			if (options.fresh()) {
				// Kafka Streams' local state too: kept, it would claim offsets the new
				// changelogs never had (and Streams would call its tasks corrupted)
				console.info("--fresh: wiping " + dataDir);
				for (String dir : DATA_DIRECTORIES) {
					deleteRecursively(dataDir.resolve(dir));
				}
			}
			for (String dir : List.of("kafka", "redis", "mongo", "logs", "run", "bin")) {
				Files.createDirectories(dataDir.resolve(dir));
			}
		}
		catch (IOException ex) {
			throw new StackException("Cannot use data directory " + dataDir + ": " + ex.getMessage());
		}
	}

	static void checkPortsFree(StackOptions options) {
		PortLayout ports = options.ports();
		Map<Integer, String> needed = new LinkedHashMap<>();
		if (options.startsBrokers()) {
			for (int id = 1; id <= options.brokers(); id++) {
				needed.put(ports.broker(id), "Kafka broker " + id);
				needed.put(ports.controller(id), "Kafka controller " + id);
			}
		}
		if (options.startsRedis()) {
			needed.put(ports.redis(), "Redis");
		}
		if (options.startsMongo()) {
			needed.put(ports.mongo(), "MongoDB");
		}
		needed.put(ports.control(), "the local-stack control API");
		if (!options.infraOnly()) {
			ports.services().forEach((name, port) -> needed.put(port, name));
		}
		List<String> problems = new ArrayList<>();
		needed.forEach((port, what) -> {
			if (!Ports.isFree(port)) {
				String holder = Ports.owner(port).map((owner) -> " by " + owner).orElse("");
				problems.add("  port " + port + " (" + what + ") is already taken" + holder);
			}
		});
		if (!problems.isEmpty()) {
			throw new StackException("Cannot start: ports are in use.\n" + String.join("\n", problems) + "\n"
					+ "Stop whatever holds them (a stack from another directory: ./ridertrack down there), "
					+ "or use what is already running with --kafka HOST:PORT, --redis HOST:PORT, --mongodb URI, "
					+ "or move the whole stack with --ports-from N.");
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
