package dev.ridertrack.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The block {@code ./ridertrack up} prints once everything is ready: where the dashboard
 * is, how to reach Kafka, Redis, MongoDB and each service, where the logs are, how to
 * stop.
 */
final class ReadyBlock {

	private final StackOptions options;

	private final Endpoints endpoints;

	private final String kafka;

	private final List<ManagedProcess> services;

	private final int processes;

	private final Duration startupTime;

	ReadyBlock(StackOptions options, Endpoints endpoints, String kafka, List<ManagedProcess> services, int processes,
			Duration startupTime) {
		this.options = options;
		this.endpoints = endpoints;
		this.kafka = kafka;
		this.services = services;
		this.processes = processes;
		this.startupTime = startupTime;
	}

	String text() {
		String host = this.options.host();
		PortLayout ports = this.options.ports();
		StringBuilder text = new StringBuilder();
		String rule = "=".repeat(78) + "\n";
		text.append('\n').append(rule);
		text.append(String.format(Locale.ROOT, "  RiderTrack is up: %d processes healthy in %.1f s%n", this.processes,
				this.startupTime.toMillis() / 1000.0));
		text.append('\n');
		if (!this.options.infraOnly()) {
			text.append(String.format("  Dashboard        http://%s:%d%n", host, ports.service("tracking-service")));
		}
		text.append(String.format("  Kafka bootstrap  %s  (%s)%n", this.endpoints.bootstrapServers(), this.kafka));
		text.append(String.format("  Redis            %s%s%n", this.endpoints.redisAddress(),
				this.options.startsRedis() ? "" : "  (yours)"));
		text.append(String.format("  MongoDB          %s  (%s)%n", this.endpoints.redactedMongoUri(),
				!this.options.startsMongo() ? "yours"
						: this.options.mongoMemory() ? "mongo-java-server, in memory: forgotten on restart"
								: "mongo-java-server, H2 file in " + this.options.dataDir().resolve("mongo")));
		text.append(String.format("  Control API      http://%s:%d/api/stack%n", host, ports.control()));
		text.append('\n');
		for (ManagedProcess service : this.services) {
			text.append(String.format("  %-17s http://%s:%d%n", service.name(), host, service.port()));
		}
		text.append('\n');
		text.append("  Load             "
				+ (this.options.infraOnly() ? "none (--infra-only)" : (this.options.riders() > 0)
						? this.options.riders() + " simulated riders (--riders N to change)" : "none (--riders 0)")
				+ "\n");
		text.append("  Data and logs    " + this.options.dataDir() + "  (logs/<process>.log; --verbose shows "
				+ "every line here)\n");
		text.append("  Crashes          restarted after 1, 2, 4, 8 s; left down after 5 in a row "
				+ "(./ridertrack status)\n");
		text.append("  Stop             Ctrl-C here, or ./ridertrack down from another shell\n");
		text.append(rule).append('\n');
		return text.toString();
	}

}
