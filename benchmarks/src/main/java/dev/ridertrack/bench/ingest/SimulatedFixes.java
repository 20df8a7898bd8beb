package dev.ridertrack.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Bbox;
import dev.ridertrack.loadgen.city.City;
import dev.ridertrack.loadgen.city.DeliveredOrder;
import dev.ridertrack.loadgen.city.Fleet;
import dev.ridertrack.loadgen.city.FleetListener;

/**
 * Fixes as the simulation makes them, riders on orders included: Kafka's own producer
 * tool sends exactly these bytes, so it is compared on our records, not on random ones.
 */
final class SimulatedFixes {

	private SimulatedFixes() {
	}

	/**
	 * Writes fixes one JSON object a line.
	 * @return the average size in bytes
	 */
	static int write(Path file, int count) throws IOException {
		List<String> lines = json(count);
		Files.write(file, lines, StandardCharsets.UTF_8);
		return (int) Math
			.round(lines.stream().mapToInt((l) -> l.getBytes(StandardCharsets.UTF_8).length).average().orElse(0));
	}

	/**
	 * The last {@code count} fixes (rounded down to whole steps of 1,000 riders) of ten
	 * simulated minutes, as JSON.
	 * @return one JSON object per fix
	 */
	static List<String> json(int count) {
		City city = new City(new Bbox(18.90, 19.25, 72.78, 72.98), 42);
		Fleet fleet = new Fleet(city, 1000, Duration.ofSeconds(30), true);
		List<String> lines = new ArrayList<>();
		FleetListener listener = new FleetListener() {
			@Override
			public void fix(int rider, RiderLocation fix) {
				lines.add(EventJson.mapper().writeValueAsString(fix));
			}

			@Override
			public void order(OrderEvent event) {
			}

			@Override
			public void delivered(DeliveredOrder order) {
			}
		};
		SplittableRandom random = new SplittableRandom(42);
		long t = System.currentTimeMillis();
		for (int step = 0; step < 600; step++, t += 1000) {
			boolean keep = step >= 600 - count / 1000;
			int before = lines.size();
			for (int i = 0; i < 1000; i++) {
				fleet.step(i, t, random, 1, listener);
			}
			if (!keep) {
				lines.subList(before, lines.size()).clear();
			}
		}
		return lines;
	}

}
