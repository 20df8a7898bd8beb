package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A RiderTrack service the stack runs: its module, which is also its jar's name, its
 * usual port, and whether it gives way when the machine is short of CPU.
 *
 * @param name the module and service name
 * @param defaultPort the port of its first instance in the usual layout
 * @param background whether it runs below everything else
 * ({@link ManagedProcess#belowInfrastructure}): the stream processors, the history writer
 * and the simulated riders, for which Kafka buffers when they fall behind. The live path
 * (the phones' ingest API, tracking-service with the live map) runs beside Kafka, Redis
 * and the store.
 */
record ServiceDefinition(String name, int defaultPort, boolean background) {

	/** Every service, in the order they are listed. */
	static final List<ServiceDefinition> ALL = List.of(new ServiceDefinition("tracking-service", 8080, false),
			new ServiceDefinition("location-producer", 8081, false), new ServiceDefinition("eta-service", 8082, true),
			new ServiceDefinition("analytics-service", 8083, true), new ServiceDefinition("db-writer", 8084, true),
			new ServiceDefinition("load-generator", 8085, true));

	/**
	 * What every JVM of the stack is told so that it sleeps while it has nothing to do
	 * (issue 14; each thread below woke an idle JVM several times a second, 0.01–0.07 %
	 * of a core per JVM, eight JVMs):
	 * <ul>
	 * <li>it samples its {@code jstat} counters (the hsperfdata file) once a second
	 * instead of every 50 ms. {@code jps}, {@code jcmd} and {@code jstat} still work;
	 * {@code jstat} sees counters at most a second old;</li>
	 * <li>its VM thread looks for housekeeping to do at a safepoint every 5 s, not every
	 * second, and its monitor deflation thread asks every 5 s, not four times a second,
	 * whether idle monitors need freeing (diagnostic options, hence the unlock). A
	 * collection or any other safepoint still does the housekeeping, and monitors are
	 * still freed once their number passes the JVM's threshold, at most 5 s later.</li>
	 * </ul>
	 */
	static final List<String> QUIET_JVM = List.of("-XX:PerfDataSamplingInterval=1000", "-XX:+UnlockDiagnosticVMOptions",
			"-XX:GuaranteedSafepointInterval=5000", "-XX:AsyncDeflationInterval=5000");

	/**
	 * Every service JVM's options (before {@link #forLoad} and {@code --jvm-opts}). See
	 * {@link #QUIET_JVM} for what an idle JVM does on its own.
	 */
	static final List<String> JVM_OPTIONS = quiet("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
			"-XX:ReservedCodeCacheSize=64m");

	/**
	 * From this many simulated riders (2,000 fixes/s) the JVMs are set up for load:
	 * {@link #compiler C2} and, for the services, a larger young generation.
	 */
	static final int HEAVY_FROM_RIDERS = 10_000;

	/**
	 * Every service JVM's options for this many riders (after {@link #JVM_OPTIONS},
	 * before {@code --jvm-opts}): the {@link #compiler}, and from
	 * {@value #HEAVY_FROM_RIDERS} riders a 256 MB young generation in a 768 MB heap. With
	 * the usual small heap a service at 20,000 fixes/s ran three young collections a
	 * second, 7-8 % of a core in each of eta and analytics (the serial collector works in
	 * the VM thread); a young collection costs what survives it, not what it frees, so a
	 * larger one costs less (issue 14, {@code docs/performance.md}).
	 * @param riders the simulated riders the stack starts with
	 * @return the options
	 */
	static List<String> forLoad(int riders) {
		if (riders < HEAVY_FROM_RIDERS) {
			return List.of(compiler(riders));
		}
		return List.of(compiler(riders), "-Xms768m", "-Xmx768m", "-Xmn256m");
	}

	/**
	 * The load generator's shape for this many riders: from {@value #HEAVY_FROM_RIDERS}
	 * riders they join over two minutes ({@code ramp}) instead of all at once, unless the
	 * orchestrator's environment chooses a scenario. With 100,000 riders at once every
	 * JVM compiled while the full 20,000 fixes/s came in, and the groups needed about
	 * seven minutes to drain what piled up; with the ramp they were current 2½ minutes
	 * after the start (issue 14, {@code docs/performance.md}).
	 * @param riders the simulated riders the stack starts with
	 * @param environment the orchestrator's environment
	 * @return the load generator's environment for its scenario (empty: its default)
	 */
	static Map<String, String> loadShape(int riders, Map<String, String> environment) {
		if (riders < HEAVY_FROM_RIDERS || environment.containsKey("RIDERTRACK_LOADGEN_SCENARIO_TYPE")) {
			return Map.of();
		}
		return Map.of("RIDERTRACK_LOADGEN_SCENARIO_TYPE", "ramp", "RIDERTRACK_LOADGEN_SCENARIO_RAMP",
				environment.getOrDefault("RIDERTRACK_LOADGEN_SCENARIO_RAMP", "120s"));
	}

	/**
	 * Which JIT compilers a JVM of the stack (a service or the store) uses for this many
	 * riders. Below {@value #HEAVY_FROM_RIDERS} riders, C1 only: six JVMs start
	 * noticeably faster on two cores, and C2's compile work would cost more CPU in the
	 * first minutes than its faster code saves at the default load (the default run,
	 * 2,000 riders, measured 31 % of a core with C1 only and 40 % with C2 over its first
	 * three minutes). From {@value #HEAVY_FROM_RIDERS}, C2's code pays: at 20,000 fixes/s
	 * eta and analytics kept up with it instead of falling minutes behind (issue 14).
	 * @param riders the simulated riders the stack starts with
	 * @return the compiler option
	 */
	static String compiler(int riders) {
		return (riders >= HEAVY_FROM_RIDERS) ? "-XX:TieredStopAtLevel=4" : "-XX:TieredStopAtLevel=1";
	}

	/**
	 * A JVM's options followed by {@link #QUIET_JVM}.
	 * @param options the options
	 * @return them and the quiet ones
	 */
	static List<String> quiet(String... options) {
		return Stream.concat(Stream.of(options), QUIET_JVM.stream()).toList();
	}

	static Optional<ServiceDefinition> named(String name) {
		return ALL.stream().filter((service) -> service.name().equals(name)).findFirst();
	}

	/**
	 * Where the build puts this service's Spring Boot jar.
	 * @param root the repository root
	 * @return the jar
	 */
	Path jar(Path root) {
		return root.resolve(this.name).resolve("target").resolve(this.name + ".jar");
	}

}
