package dev.ridertrack.eta.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.ridertrack.eta.estimate.EtaProperties;
import dev.ridertrack.events.EventJson;

/**
 * How accurate eta-service's ETAs were on a real run: reads {@code order-events},
 * {@code rider-locations} and {@code eta-updates} from the beginning and the load
 * generator's ground truth, and prints, at 10, 5 and 2 minutes before each actual
 * delivery, the error of the ETA last published by then and of a naive baseline. Run from
 * the repository root against a running stack (docs/streams.md): <pre>
 * ./ridertrack bench streams end-to-end --bootstrap localhost:9092 --loadgen-url http://localhost:8085
 * </pre> {@code --loadgen-url events} takes the scored times from the order events
 * instead (when the load generator, which keeps its ground truth in memory, is gone).
 * Options: {@code --limit N} delivered orders from the ground truth (5000, its most);
 * {@code --settled 20m} scores only orders created at least that long before the end of
 * the recording (so long trips are not left out);
 * {@code --replay "label:key=value,key=value"} (repeatable) also runs the recorded input
 * of {@code --replay-riders N} riders (300) through the topology with
 * {@code application.yml}'s {@code ridertrack.eta} settings plus those overrides, and
 * scores it on the same riders' orders next to what the service published.
 */
public final class EtaEndToEndReport {

	private EtaEndToEndReport() {
	}

	public static void main(String[] args) throws Exception {
		String bootstrap = null;
		String loadgenUrl = null;
		int limit = 5000;
		int replayRiders = 300;
		Duration settled = Duration.ZERO;
		Map<String, Map<String, String>> replays = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--bootstrap" -> bootstrap = args[++i];
				case "--loadgen-url" -> loadgenUrl = args[++i];
				case "--limit" -> limit = Integer.parseInt(args[++i]);
				case "--replay-riders" -> replayRiders = Integer.parseInt(args[++i]);
				case "--settled" -> settled = Duration.parse("PT" + args[++i].toUpperCase());
				case "--replay" -> {
					String spec = args[++i];
					int colon = spec.indexOf(':');
					Map<String, String> overrides = new LinkedHashMap<>();
					for (String pair : spec.substring(colon + 1).split(",")) {
						if (!pair.isBlank()) {
							String[] kv = pair.split("=", 2);
							overrides.put(kv[0].trim(), kv[1].trim());
						}
					}
					replays.put((colon > 0) ? spec.substring(0, colon) : spec, overrides);
				}
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		if (bootstrap == null || loadgenUrl == null) {
			System.err.println("Usage: EtaEndToEndReport --bootstrap HOST:PORT --loadgen-url URL [--limit N] "
					+ "[--settled 20m] [--replay-riders N] [--replay label:key=value,...]...");
			System.exit(2);
		}
		long started = System.nanoTime();
		// "--loadgen-url events": the load generator is gone (its ground truth lives in
		// memory); the order events' own times stand in for the four times scored.
		boolean fromEvents = loadgenUrl.equals("events");
		Recording recording = Recording.read(bootstrap, !replays.isEmpty());
		List<Recording.Truth> truths = fromEvents ? truthFromEvents(recording) : groundTruth(loadgenUrl, limit);
		// Only orders whose whole life is on the topics (a fresh stack: all of them) and,
		// with --settled, created long enough before the end of the recording that every
		// order of that time has been delivered: otherwise the sample leans to short
		// trips.
		Instant createdBy = recording.lastEtaComputedAt.minus(settled);
		List<Recording.Truth> scored = truths.stream()
			.filter((t) -> recording.orders.containsKey(t.orderId()))
			.filter((t) -> !t.createdAt().isAfter(createdBy))
			.toList();
		System.out.printf(
				"read in %.1f s: %,d delivered orders in the ground truth (%,d scored: order events seen, created by %s), "
						+ "%,d orders, %,d fixes (%,d orders with on-order fixes), %,d ETA updates (latest computedAt %s)%n",
				(System.nanoTime() - started) / 1e9, truths.size(), scored.size(), createdBy, recording.orders.size(),
				recording.fixesRead, recording.fixesByOrder.size(), recording.etaUpdatesRead,
				recording.lastEtaComputedAt);
		if (!scored.isEmpty() && !fromEvents) {
			describe(scored);
		}
		System.out.println();
		System.out.println("All delivered orders, the ETAs eta-service published:");
		print(Scoring.score(scored, recording, recording.etas));

		if (!replays.isEmpty()) {
			Set<String> riders = scored.stream()
				.map(Recording.Truth::riderId)
				.collect(Collectors.toCollection(TreeSet::new))
				.stream()
				.limit(replayRiders)
				.collect(Collectors.toSet());
			List<Recording.Truth> subset = scored.stream().filter((t) -> riders.contains(t.riderId())).toList();
			System.out.printf("%nReplay of %d riders' recorded input (%d delivered orders):%n", riders.size(),
					subset.size());
			System.out.println("service as run (published live):");
			print(Scoring.score(subset, recording, recording.etas));
			for (Map.Entry<String, Map<String, String>> replay : replays.entrySet()) {
				EtaProperties settings = Replay.settings(replay.getValue());
				long t0 = System.nanoTime();
				Map<String, List<Recording.Published>> etas = Replay.run(recording, riders, settings);
				System.out.printf("replay '%s' %s (%.0f s):%n", replay.getKey(), replay.getValue(),
						(System.nanoTime() - t0) / 1e9);
				print(Scoring.score(subset, recording, etas));
			}
		}
	}

	private static List<Recording.Truth> groundTruth(String loadgenUrl, int limit) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(loadgenUrl.replaceAll("/+$", "") + "/api/v1/ground-truth?limit=" + limit))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("ground truth: HTTP " + response.statusCode() + " " + response.body());
		}
		return List.of(EventJson.mapper().readValue(response.body(), Recording.Truth[].class));
	}

	private static List<Recording.Truth> truthFromEvents(Recording recording) {
		List<Recording.Truth> truths = new ArrayList<>();
		recording.orders.forEach((id, o) -> {
			if (o.createdAt != null && o.assignedAt != null && o.pickedUpAt != null && o.deliveredAt != null) {
				truths.add(new Recording.Truth(id, o.riderId, null, null, Instant.ofEpochMilli(o.createdAt),
						Instant.ofEpochMilli(o.assignedAt), null, Instant.ofEpochMilli(o.pickedUpAt), null,
						Instant.ofEpochMilli(o.deliveredAt), 0, 0));
			}
		});
		return truths;
	}

	/** The real distributions the model's settings should match. */
	private static void describe(List<Recording.Truth> truths) {
		List<Double> prepAfterAssign = new ArrayList<>();
		List<Double> atRestaurant = new ArrayList<>();
		List<Double> ride = new ArrayList<>();
		List<Double> handover = new ArrayList<>();
		List<Double> assignToDelivery = new ArrayList<>();
		List<Double> rideSpeed = new ArrayList<>();
		for (Recording.Truth t : truths) {
			prepAfterAssign.add(seconds(t.assignedAt(), t.pickedUpAt()));
			atRestaurant.add(seconds(t.arrivedAtRestaurantAt(), t.pickedUpAt()));
			ride.add(seconds(t.pickedUpAt(), t.arrivedAtCustomerAt()));
			handover.add(seconds(t.arrivedAtCustomerAt(), t.deliveredAt()));
			assignToDelivery.add(seconds(t.assignedAt(), t.deliveredAt()));
			rideSpeed.add(t.toCustomerMeters() / Math.max(1, seconds(t.pickedUpAt(), t.arrivedAtCustomerAt())));
		}
		System.out.println("ground truth (p10 / median / mean / p90):");
		System.out.println("  assigned -> picked up     " + quantiles(prepAfterAssign, "s"));
		System.out.println("  at the restaurant         " + quantiles(atRestaurant, "s"));
		System.out.println("  ride to the customer      " + quantiles(ride, "s"));
		System.out.println("  handover at the door      " + quantiles(handover, "s"));
		System.out.println("  assigned -> delivered     " + quantiles(assignToDelivery, "s"));
		System.out.println("  ride speed (route/time)   " + quantiles(rideSpeed, "m/s"));
	}

	private static double seconds(Instant from, Instant to) {
		return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
	}

	private static String quantiles(List<Double> values, String unit) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		return String.format("%.1f / %.1f / %.1f / %.1f %s", sorted[(int) (0.1 * (sorted.length - 1))],
				sorted[(sorted.length - 1) / 2], mean, sorted[(int) Math.ceil(0.9 * (sorted.length - 1))], unit);
	}

	private static void print(List<Scoring.Horizon> horizons) {
		System.out.println("| before delivery | n | model mean | model p90 | model bias | baseline mean | baseline p90 "
				+ "| baseline bias | no ETA yet | not yet assigned |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (Scoring.Horizon h : horizons) {
			Scoring.Stats model = h.modelStats(null);
			Scoring.Stats baseline = h.baselineStats(null);
			System.out.printf("| %d min | %d | %.0f s | %.0f s | %+.0f s | %.0f s | %.0f s | %+.0f s | %d | %d |%n",
					h.horizon().toMinutes(), model.n(), model.meanAbs(), model.p90Abs(), model.bias(),
					baseline.meanAbs(), baseline.p90Abs(), baseline.bias(), h.noEta() + h.noFix(), h.notAssigned());
		}
		System.out.println("by phase at that instant (model mean / bias vs baseline mean / bias):");
		for (Scoring.Horizon h : horizons) {
			StringBuilder line = new StringBuilder("  " + h.horizon().toMinutes() + " min:");
			for (boolean before : new boolean[] { true, false }) {
				Scoring.Stats model = h.modelStats(before);
				Scoring.Stats baseline = h.baselineStats(before);
				line.append(String.format("  %s n=%d model %.0f s (%+.0f) baseline %.0f s (%+.0f);",
						before ? "before pickup" : "after pickup", model.n(), model.meanAbs(), model.bias(),
						baseline.meanAbs(), baseline.bias()));
			}
			System.out.println(line);
		}
	}

}
