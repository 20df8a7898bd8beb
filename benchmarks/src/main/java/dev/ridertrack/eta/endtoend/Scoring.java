package dev.ridertrack.eta.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.ridertrack.events.Geo;
import dev.ridertrack.events.Place;

/**
 * Scores published ETAs against what really happened: at each horizon before an order's
 * actual delivery, the ETA last published at or before that instant and a naive baseline
 * from the rider's latest fix (straight line, via the restaurant if not yet picked up, at
 * a fixed 5 m/s), each compared with the actual delivery time.
 */
final class Scoring {

	static final List<Duration> HORIZONS = List.of(Duration.ofMinutes(10), Duration.ofMinutes(5),
			Duration.ofMinutes(2));

	static final double BASELINE_SPEED_MPS = 5.0;

	private Scoring() {
	}

	/**
	 * One horizon's outcome. Errors are signed, predicted − actual, in seconds (positive:
	 * predicted too late); model and baseline are scored on the same orders.
	 *
	 * @param horizon time before the actual delivery
	 * @param model the published ETA's error per scored order
	 * @param baseline the baseline's error on the same orders
	 * @param beforePickup per scored order, whether the instant was before pickup
	 * @param notAssigned orders not yet assigned at that instant (nothing to predict
	 * from)
	 * @param noEta orders assigned by then that had no ETA published yet
	 * @param noFix orders with an ETA but no fix of the rider on the order yet
	 */
	record Horizon(Duration horizon, List<Double> model, List<Double> baseline, List<Boolean> beforePickup,
			int notAssigned, int noEta, int noFix) {

		Stats modelStats(Boolean phase) {
			return Stats.of(select(this.model, phase));
		}

		Stats baselineStats(Boolean phase) {
			return Stats.of(select(this.baseline, phase));
		}

		private List<Double> select(List<Double> values, Boolean phase) {
			List<Double> selected = new ArrayList<>();
			for (int i = 0; i < values.size(); i++) {
				if (phase == null || this.beforePickup.get(i).equals(phase)) {
					selected.add(values.get(i));
				}
			}
			return selected;
		}

	}

	/**
	 * Summary of signed errors.
	 *
	 * @param n how many
	 * @param meanAbs mean absolute error, seconds
	 * @param p90Abs 90th percentile of the absolute error, seconds
	 * @param bias mean signed error, seconds (positive: predicted too late)
	 */
	record Stats(int n, double meanAbs, double p90Abs, double bias) {

		static Stats of(List<Double> signed) {
			double[] abs = signed.stream().mapToDouble(Math::abs).sorted().toArray();
			if (abs.length == 0) {
				return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
			}
			double mean = 0;
			for (double value : abs) {
				mean += value;
			}
			double bias = signed.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
			return new Stats(abs.length, mean / abs.length, abs[(int) Math.ceil(0.9 * abs.length) - 1], bias);
		}

	}

	static List<Horizon> score(Collection<Recording.Truth> truths, Recording recording,
			Map<String, List<Recording.Published>> etas) {
		List<Horizon> horizons = new ArrayList<>();
		for (Duration horizon : HORIZONS) {
			List<Double> model = new ArrayList<>();
			List<Double> baseline = new ArrayList<>();
			List<Boolean> beforePickup = new ArrayList<>();
			int notAssigned = 0;
			int noEta = 0;
			int noFix = 0;
			for (Recording.Truth truth : truths) {
				Recording.Order order = recording.orders.get(truth.orderId());
				if (order == null || order.restaurant == null) {
					continue;
				}
				long actual = truth.deliveredAt().toEpochMilli();
				long at = actual - horizon.toMillis();
				if (at < truth.assignedAt().toEpochMilli()) {
					notAssigned++;
					continue;
				}
				Recording.Published eta = lastAtOrBefore(etas.getOrDefault(truth.orderId(), List.of()), at);
				if (eta == null) {
					noEta++;
					continue;
				}
				Recording.Fix fix = lastFixAtOrBefore(recording.fixesByOrder.get(truth.orderId()), at);
				if (fix == null) {
					noFix++;
					continue;
				}
				boolean beforePickupThen = at < truth.pickedUpAt().toEpochMilli();
				double meters = baselineMeters(fix, order.restaurant, order.customer, beforePickupThen);
				long baselineArrival = fix.at() + Math.round(1000 * meters / BASELINE_SPEED_MPS);
				model.add((eta.predictedArrival() - actual) / 1000.0);
				baseline.add((baselineArrival - actual) / 1000.0);
				beforePickup.add(beforePickupThen);
			}
			horizons.add(new Horizon(horizon, model, baseline, beforePickup, notAssigned, noEta, noFix));
		}
		return horizons;
	}

	private static double baselineMeters(Recording.Fix fix, Place restaurant, Place customer, boolean beforePickup) {
		if (beforePickup) {
			return Geo.distanceMeters(fix.lat(), fix.lon(), restaurant.lat(), restaurant.lon())
					+ Geo.distanceMeters(restaurant.lat(), restaurant.lon(), customer.lat(), customer.lon());
		}
		return Geo.distanceMeters(fix.lat(), fix.lon(), customer.lat(), customer.lon());
	}

	private static Recording.Published lastAtOrBefore(List<Recording.Published> updates, long at) {
		Recording.Published last = null;
		for (Recording.Published update : updates) {
			if (update.computedAt() > at) {
				break;
			}
			last = update;
		}
		return last;
	}

	private static Recording.Fix lastFixAtOrBefore(List<Recording.Fix> fixes, long at) {
		Recording.Fix last = null;
		if (fixes != null) {
			for (Recording.Fix fix : fixes) {
				if (fix.at() > at) {
					break;
				}
				last = fix;
			}
		}
		return last;
	}

}
