package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A RiderTrack service the stack runs: its module, which is also its jar's name, and its
 * usual port.
 *
 * @param name the module and service name
 * @param defaultPort the port of its first instance in the usual layout
 */
record ServiceDefinition(String name, int defaultPort) {

	/** Every service, in the order they are listed. */
	static final List<ServiceDefinition> ALL = List.of(new ServiceDefinition("tracking-service", 8080),
			new ServiceDefinition("location-producer", 8081), new ServiceDefinition("eta-service", 8082),
			new ServiceDefinition("analytics-service", 8083), new ServiceDefinition("db-writer", 8084),
			new ServiceDefinition("load-generator", 8085));

	/**
	 * Every service JVM's options (before {@code --jvm-opts}): C1-only compilation makes
	 * six JVMs start noticeably faster on two cores and is plenty for the default load.
	 * See {@link #QUIET_JVM} for what an idle JVM does on its own.
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", ServiceDefinition.QUIET_JVM);

	/**
	 * Every JVM of the stack samples its {@code jstat} counters (the hsperfdata file)
	 * once a second instead of every 50 ms: Java's own periodic task thread woke 20 times
	 * a second in each of the eight JVMs, about 0.07 % of a core each while idle (issue
	 * 14). {@code jps}, {@code jcmd} and {@code jstat} still work; {@code jstat} sees
	 * counters at most a second old.
	 */
	static final String QUIET_JVM = "-XX:PerfDataSamplingInterval=1000";

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
