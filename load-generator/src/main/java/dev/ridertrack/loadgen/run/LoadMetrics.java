package dev.ridertrack.loadgen.run;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The progress line's figures as Micrometer meters ({@code /actuator/metrics/loadgen.*}).
 */
final class LoadMetrics implements MeterBinder {

	private final LoadEngine engine;

	LoadMetrics(LoadEngine engine) {
		this.engine = engine;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "loadgen.running", "1 while riders are simulated", (s) -> s.running() ? 1 : 0);
		gauge(registry, "loadgen.riders.active", "riders on the road", EngineStatus::activeRiders);
		gauge(registry, "loadgen.fixes.rate.target", "fixes per second the scenario asks for",
				EngineStatus::targetFixesPerSecond);
		gauge(registry, "loadgen.fixes.rate.achieved", "fixes acknowledged in the last second",
				EngineStatus::achievedFixesPerSecond);
		gauge(registry, "loadgen.orders.active", "orders placed, not yet delivered or cancelled",
				EngineStatus::ordersActive);
		Gauge.builder("loadgen.send.latency", this.engine, (e) -> e.status().latencyP50Ms())
			.tag("quantile", "0.5")
			.baseUnit("milliseconds")
			.description("send latency over the last second")
			.register(registry);
		Gauge.builder("loadgen.send.latency", this.engine, (e) -> e.status().latencyP99Ms())
			.tag("quantile", "0.99")
			.baseUnit("milliseconds")
			.description("send latency over the last second")
			.register(registry);
		counter(registry, "loadgen.fixes.sent", "fixes acknowledged", (e) -> e.stats().fixesSent.sum());
		counter(registry, "loadgen.fixes.failed", "fixes that could not be sent", (e) -> e.stats().fixesFailed.sum());
		counter(registry, "loadgen.orders.created", "orders placed", (e) -> e.stats().ordersCreated.sum());
		counter(registry, "loadgen.orders.delivered", "orders delivered", (e) -> e.stats().ordersDelivered.sum());
		counter(registry, "loadgen.orders.cancelled", "orders cancelled", (e) -> e.stats().ordersCancelled.sum());
		counter(registry, "loadgen.errors", "failed fixes and order events", (e) -> e.stats().errors());
	}

	private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<EngineStatus> value) {
		Gauge.builder(name, this.engine, (e) -> value.applyAsDouble(e.status()))
			.description(description)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<LoadEngine> value) {
		FunctionCounter.builder(name, this.engine, value).description(description).register(registry);
	}

}
