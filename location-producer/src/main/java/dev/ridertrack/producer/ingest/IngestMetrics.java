package dev.ridertrack.producer.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the ingestion API reports: fixes accepted, requests rejected by reason, how long
 * Kafka takes to acknowledge a request, and how many requests are waiting for it.
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	private final Counter accepted;

	private final Timer produceSuccess;

	private final Timer produceFailure;

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.accepted = Counter.builder("ridertrack.ingest.accepted")
			.description("Fixes acknowledged by Kafka and answered 202")
			.baseUnit("fixes")
			.register(registry);
		this.produceSuccess = produceTimer("success");
		this.produceFailure = produceTimer("failure");
	}

	private Timer produceTimer(String outcome) {
		return Timer.builder("ridertrack.ingest.produce")
			.description("From the first send of a request to Kafka's acknowledgement of its last fix")
			.tag("outcome", outcome)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(this.registry);
	}

	void inFlight(Supplier<Number> requests) {
		Gauge.builder("ridertrack.ingest.inflight", requests)
			.description("Requests waiting for Kafka's acknowledgement")
			.baseUnit("requests")
			.register(this.registry);
	}

	void accepted(int fixes) {
		this.accepted.increment(fixes);
	}

	void rejected(String reason) {
		this.rejected
			.computeIfAbsent(reason,
					(key) -> Counter.builder("ridertrack.ingest.rejected")
						.description("Requests answered 4xx or 5xx, by reason; none of their fixes was accepted")
						.baseUnit("requests")
						.tag("reason", key)
						.register(this.registry))
			.increment();
	}

	void produced(long nanos, boolean success) {
		(success ? this.produceSuccess : this.produceFailure).record(Duration.ofNanos(nanos));
	}

}
