package dev.ridertrack.eta.estimate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Geo;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import org.springframework.util.FileSystemUtils;

/**
 * Runs the ETA topology over a simulated city and scores it against the ground truth: at
 * 10, 5 and 2 minutes before each actual delivery, how far off was the ETA last
 * published, and how far off was a naive baseline (straight-line distance at a fixed 5
 * m/s, via the restaurant if not yet picked up) from the rider's latest fix.
 */
final class EtaAccuracy {

	static final List<Duration> HORIZONS = List.of(Duration.ofMinutes(10), Duration.ofMinutes(5),
			Duration.ofMinutes(2));

	static final double BASELINE_SPEED_MPS = 5.0;

	private EtaAccuracy() {
	}

	/**
	 * Absolute errors at one horizon, in seconds.
	 *
	 * @param horizon time before the actual delivery
	 * @param model errors of the published ETA
	 * @param baseline errors of the baseline
	 */
	record Scores(Duration horizon, List<Double> model, List<Double> baseline) {

		double modelMean() {
			return mean(this.model);
		}

		double modelP90() {
			return p90(this.model);
		}

		double baselineMean() {
			return mean(this.baseline);
		}

		double baselineP90() {
			return p90(this.baseline);
		}

		private static double mean(List<Double> values) {
			return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}

		private static double p90(List<Double> values) {
			double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			return (sorted.length == 0) ? Double.NaN : sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
		}

	}

	/**
	 * The outcome of one run.
	 *
	 * @param scores per horizon
	 * @param deliveries orders delivered
	 * @param fixes fixes sent
	 * @param updates ETA updates published
	 * @param fixesOnOrder fixes of riders on an order
	 */
	record Run(List<Scores> scores, int deliveries, long fixes, long updates, long fixesOnOrder) {
	}

	static Run run(long seed, int riders, Duration duration, EtaProperties settings) throws Exception {
		Instant start = Instant.parse("2026-11-22T08:00:00Z");
		StreamsBuilder builder = new StreamsBuilder();
		EtaTopology.build(builder, settings);
		Path stateDir = TestStateDirs.create("eta-accuracy");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "eta-accuracy");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		Map<String, List<long[]>> published = new HashMap<>();
		Map<String, List<RiderLocation>> fixesByRider = new HashMap<>();
		long[] counts = new long[3];
		TripSimulator simulator = new TripSimulator(seed, riders, 2, start);
		try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config, start)) {
			TestInputTopic<String, OrderEvent> orders = driver.createInputTopic(Topics.ORDER_EVENTS.name(),
					new StringSerializer(), EventJson.serializer());
			TestInputTopic<String, RiderLocation> fixes = driver.createInputTopic(Topics.RIDER_LOCATIONS.name(),
					new StringSerializer(), EventJson.serializer());
			TestOutputTopic<String, EtaUpdate> updates = driver.createOutputTopic(Topics.ETA_UPDATES.name(),
					new StringDeserializer(), EventJson.deserializer(EtaUpdate.class));
			simulator.run(duration, new TripSimulator.Sink() {

				@Override
				public void order(OrderEvent event) {
					orders.pipeInput(event.orderId(), event, event.at());
				}

				@Override
				public void fix(RiderLocation fix) {
					fixes.pipeInput(fix.riderId(), fix, fix.recordedAt());
					fixesByRider.computeIfAbsent(fix.riderId(), (id) -> new ArrayList<>()).add(fix);
					counts[0]++;
					if (fix.orderId() != null) {
						counts[2]++;
					}
					if (counts[0] % 1000 == 0) {
						drain(updates, published, counts);
					}
				}

			});
			drain(updates, published, counts);
		}
		finally {
			FileSystemUtils.deleteRecursively(stateDir);
		}
		List<Scores> scores = new ArrayList<>();
		for (Duration horizon : HORIZONS) {
			Scores score = new Scores(horizon, new ArrayList<>(), new ArrayList<>());
			for (TripSimulator.Delivery delivery : simulator.deliveries()) {
				long actual = delivery.deliveredAt().toEpochMilli();
				long at = actual - horizon.toMillis();
				if (at < delivery.assignedAt().toEpochMilli() + 5_000) {
					continue;
				}
				long[] update = lastAtOrBefore(published.getOrDefault(delivery.orderId(), List.of()), at);
				RiderLocation fix = lastFixAtOrBefore(fixesByRider.get(delivery.riderId()), at,
						delivery.assignedAt().toEpochMilli());
				if (update == null || fix == null) {
					continue;
				}
				score.model().add(Math.abs(update[1] - actual) / 1000.0);
				long baseline = fix.recordedAt().toEpochMilli()
						+ Math.round(1000 * baselineRemainingMeters(fix, delivery, at) / BASELINE_SPEED_MPS);
				score.baseline().add(Math.abs(baseline - actual) / 1000.0);
			}
			scores.add(score);
		}
		return new Run(scores, simulator.deliveries().size(), counts[0], counts[1], counts[2]);
	}

	private static double baselineRemainingMeters(RiderLocation fix, TripSimulator.Delivery delivery, long at) {
		Place restaurant = delivery.restaurant();
		Place customer = delivery.customer();
		if (at < delivery.pickedUpAt().toEpochMilli()) {
			return Geo.distanceMeters(fix.lat(), fix.lon(), restaurant.lat(), restaurant.lon())
					+ Geo.distanceMeters(restaurant.lat(), restaurant.lon(), customer.lat(), customer.lon());
		}
		return Geo.distanceMeters(fix.lat(), fix.lon(), customer.lat(), customer.lon());
	}

	private static void drain(TestOutputTopic<String, EtaUpdate> updates, Map<String, List<long[]>> published,
			long[] counts) {
		for (KeyValue<String, EtaUpdate> record : updates.readKeyValuesToList()) {
			long computedAt = record.value.computedAt().toEpochMilli();
			published.computeIfAbsent(record.key, (id) -> new ArrayList<>())
				.add(new long[] { computedAt, computedAt + record.value.etaSeconds() * 1000 });
			counts[1]++;
		}
	}

	private static long[] lastAtOrBefore(List<long[]> updates, long at) {
		long[] last = null;
		for (long[] update : updates) {
			if (update[0] <= at) {
				last = update;
			}
		}
		return last;
	}

	private static RiderLocation lastFixAtOrBefore(List<RiderLocation> fixes, long at, long notBefore) {
		RiderLocation last = null;
		if (fixes != null) {
			for (RiderLocation fix : fixes) {
				long t = fix.recordedAt().toEpochMilli();
				if (t > at) {
					break;
				}
				if (t >= notBefore) {
					last = fix;
				}
			}
		}
		return last;
	}

}
