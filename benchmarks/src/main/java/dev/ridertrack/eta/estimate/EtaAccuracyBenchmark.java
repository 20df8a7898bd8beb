package dev.ridertrack.eta.estimate;

import java.time.Duration;

/**
 * Prints the ETA error table of docs/streams.md:
 * {@code ./ridertrack bench streams accuracy
 * [riders (300) [simulated minutes (120) [seed (42)]]]}. In eta-service's package: it
 * scores with the tests' {@code EtaAccuracy}.
 */
public final class EtaAccuracyBenchmark {

	private EtaAccuracyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int riders = (args.length > 0) ? Integer.parseInt(args[0]) : 300;
		int minutes = (args.length > 1) ? Integer.parseInt(args[1]) : 120;
		long seed = (args.length > 2) ? Long.parseLong(args[2]) : 42;
		long started = System.nanoTime();
		EtaAccuracy.Run run = EtaAccuracy.run(seed, riders, Duration.ofMinutes(minutes), EtaProperties.defaults());
		double elapsed = (System.nanoTime() - started) / 1e9;
		System.out.printf(
				"riders=%d simulated=%d min seed=%d: %d deliveries, %d fixes (%d on an order), "
						+ "%d ETA updates published (%.1f%% of fixes on an order), %.1f s%n",
				riders, minutes, seed, run.deliveries(), run.fixes(), run.fixesOnOrder(), run.updates(),
				100.0 * run.updates() / Math.max(1, run.fixesOnOrder()), elapsed);
		System.out.println("| before delivery | orders | model mean | model p90 | baseline mean | baseline p90 |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		for (EtaAccuracy.Scores score : run.scores()) {
			System.out.printf("| %d min | %d | %.0f s | %.0f s | %.0f s | %.0f s |%n", score.horizon().toMinutes(),
					score.model().size(), score.modelMean(), score.modelP90(), score.baselineMean(),
					score.baselineP90());
		}
	}

}
