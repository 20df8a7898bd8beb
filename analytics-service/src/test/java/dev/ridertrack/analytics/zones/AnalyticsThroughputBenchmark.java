package dev.ridertrack.analytics.zones;

import dev.ridertrack.testsupport.StreamsThroughputBenchmark;

/**
 * How many fixes per second the topology sustains on a real broker (the embedded KRaft
 * broker of test-support, in this JVM, unless {@code -Dbootstrap=host:port}). Produces
 * {@code fixes} fixes of {@code riders} riders (half of them on an order, as for eta)
 * first, then starts the topology and times it draining the backlog: the rate is the most
 * it can sustain. CPU is the stream thread's own and the whole process's (broker
 * included). With a third argument, a rate in fixes/s, the topology runs first and the
 * fixes are produced at that pace instead, sampling the lag every second: the maximum lag
 * shows whether it keeps up. Arguments: fixes (1000000), riders (20000), [rate].
 */
public final class AnalyticsThroughputBenchmark {

	private AnalyticsThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		StreamsThroughputBenchmark.run("analytics",
				(builder) -> AnalyticsTopology.build(builder, AnalyticsProperties.defaults()), args);
	}

}
