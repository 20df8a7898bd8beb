package dev.ridertrack.loadgen.run;

import java.time.Duration;

/**
 * What the engine is doing: the control API's {@code GET /api/v1/status}, which the
 * dashboard and the local stack read, the progress line and the metrics.
 *
 * @param running whether riders are being simulated
 * @param mode kafka or http
 * @param scenario the current (or last) scenario
 * @param interval how often each rider sends a fix
 * @param activeRiders riders on the road now
 * @param rateFactor 1, or the spike factor during a spike
 * @param targetFixesPerSecond the rate the scenario asks for now
 * @param achievedFixesPerSecond fixes acknowledged in the last second
 * @param fixesAttempted fixes taken and handed to the sender
 * @param fixesSent fixes acknowledged (by Kafka, or by location-producer)
 * @param fixesFailed fixes that could not be sent
 * @param httpRequests requests to location-producer (http mode)
 * @param ordersCreated orders placed
 * @param ordersActive orders placed and not yet delivered or cancelled
 * @param ordersDelivered orders delivered
 * @param ordersCancelled orders cancelled
 * @param errors failed fixes and order events
 * @param latencyP50Ms median send latency in the last second
 * @param latencyP99Ms 99th percentile send latency in the last second
 * @param ridersToRestaurant riders assigned and riding to (or waiting at) a restaurant
 * @param ridersToCustomer riders carrying food
 * @param elapsedSeconds time since the run started
 */
public record EngineStatus(boolean running, String mode, ScenarioPlan scenario, Duration interval, int activeRiders,
		int rateFactor, double targetFixesPerSecond, double achievedFixesPerSecond, long fixesAttempted, long fixesSent,
		long fixesFailed, long httpRequests, long ordersCreated, long ordersActive, long ordersDelivered,
		long ordersCancelled, long errors, double latencyP50Ms, double latencyP99Ms, int ridersToRestaurant,
		int ridersToCustomer, double elapsedSeconds) {

	/**
	 * The status from the last second's sample and the running totals.
	 * @param running whether riders are being simulated
	 * @param mode kafka or http
	 * @param plan the current (or last) scenario
	 * @param interval the fix interval
	 * @param p the last second's figures
	 * @param s the running totals
	 * @return the status
	 */
	static EngineStatus of(boolean running, String mode, ScenarioPlan plan, Duration interval, Measurements.Progress p,
			LoadStats s) {
		return new EngineStatus(running, mode, plan, interval, p.activeRiders(), p.rateFactor(), p.targetPerSecond(),
				p.achievedPerSecond(), s.fixesAttempted.sum(), s.fixesSent.sum(), s.fixesFailed.sum(), s.requests.sum(),
				s.ordersCreated.sum(), s.ordersActive(), s.ordersDelivered.sum(), s.ordersCancelled.sum(), s.errors(),
				p.p50(), p.p99(), p.toRestaurant(), p.toCustomer(), p.elapsedSeconds());
	}

}
