package dev.ridertrack.bench.streams;

import java.util.Arrays;

import dev.ridertrack.analytics.zones.AnalyticsProperties;
import dev.ridertrack.analytics.zones.AnalyticsTopology;
import dev.ridertrack.eta.estimate.EtaAccuracyBenchmark;
import dev.ridertrack.eta.estimate.EtaProperties;
import dev.ridertrack.eta.estimate.EtaTopology;

/**
 * {@code ./ridertrack bench streams eta|analytics|accuracy|end-to-end ARGS}: the Kafka
 * Streams benchmarks of eta-service and analytics-service (docs/streams.md).
 */
public final class StreamsBenchmarks {

	private static final String USAGE = """
			Usage: ./ridertrack bench streams eta|analytics [FIXES [RIDERS [RATE]]]
			         throughput of the topology on an embedded broker (-Dbootstrap=HOST:PORT for another):
			         FIXES (1000000) of RIDERS (20000) drained from a backlog, or produced at RATE fixes/s
			       ./ridertrack bench streams accuracy [RIDERS [MINUTES [SEED]]]
			         eta's error against the actual delivery times on the trip simulator (300 120 42)
			       ./ridertrack bench streams end-to-end --bootstrap HOST:PORT --loadgen-url URL [...]
			         eta's error on a recording of a running stack
			""";

	private StreamsBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		String which = (args.length > 0) ? args[0] : "";
		String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
		switch (which) {
			case "eta" -> StreamsThroughputBenchmark.run("eta", EtaTopology.class,
					(builder) -> EtaTopology.build(builder, EtaProperties.defaults()), rest);
			case "analytics" -> StreamsThroughputBenchmark.run("analytics", AnalyticsTopology.class,
					(builder) -> AnalyticsTopology.build(builder, AnalyticsProperties.defaults()), rest);
			case "accuracy" -> EtaAccuracyBenchmark.main(rest);
			case "end-to-end" -> dev.ridertrack.eta.endtoend.EtaEndToEndReport.main(rest);
			default -> {
				System.err.print(USAGE);
				System.exit(2);
			}
		}
	}

}
