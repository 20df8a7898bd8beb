package dev.ridertrack.bench.ingest;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ridertrack bench ingest} options.
 */
@Command(name = "ridertrack bench ingest", mixinStandardHelpOptions = true,
		description = "Kafka's own ProducerPerformance, load-generator direct mode, HTTP mode through "
				+ "location-producer and against a no-op stub, side by side in one run on one broker.")
final class IngestOptions {

	@Option(names = "--seconds", description = "measured seconds per run (default ${DEFAULT-VALUE})")
	int seconds = 60;

	@Option(names = "--warmup", description = "unmeasured seconds before each run (default ${DEFAULT-VALUE})")
	int warmup = 25;

	@Option(names = "--riders", description = "simulated riders (default ${DEFAULT-VALUE})")
	int riders = 100_000;

	@Option(names = "--upload-every", description = "fixes per upload in the first HTTP row (default ${DEFAULT-VALUE})")
	int uploadEvery = 5;

	@Option(names = "--perf-records",
			description = "records for Kafka's ProducerPerformance (default ${DEFAULT-VALUE})")
	long perfRecords = 3_000_000;

	@Option(names = "--bootstrap", description = "an existing broker, instead of the local stack's")
	String bootstrap;

	@Option(names = "--producer-url", description = "an existing location-producer, instead of starting one")
	String producerUrl;

	@Option(names = "--token-secret", description = "that location-producer's token secret")
	String tokenSecret = "bench-only-token-secret-0123456789";

	@Option(names = "--producer-jar", description = "location-producer to start (default ${DEFAULT-VALUE})")
	Path producerJar = Path.of("location-producer/target/location-producer.jar");

	@Option(names = "--jar", description = "the load-generator build under test (default ${DEFAULT-VALUE})")
	Path jar = Path.of("load-generator/target/load-generator.jar");

	@Option(names = "--compare-jar",
			description = "another load-generator build (say, before a change): the single-fix and stub rows run again with it")
	Path compareJar;

	@Option(names = "--no-stub", description = "skip the no-op stub row")
	boolean noStub;

}
