package dev.ridertrack.producer.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a request's fixes to {@code rider-locations}, keyed by rider id, and completes
 * only when Kafka has acknowledged every one of them ({@code acks=all}), so a {@code 202}
 * always means "stored". It never waits longer than the ack timeout, and turns requests
 * away at once when too many are already waiting.
 * <p>
 * It is called on the web server's event loop, which must never block. The producer's
 * {@code send} blocks (up to {@code max.block.ms}) only while it does not know the
 * topic's partitions, so the publisher looks them up as the application starts, and again
 * on a thread of its own (one at a time) whenever a request finds them unknown or a send
 * found them missing; until then every request is answered {@code 503} at once.
 */
@Component
class LocationPublisher {

	private static final Log logger = LogFactory.getLog(LocationPublisher.class);

	private static final String TOPIC = Topics.RIDER_LOCATIONS.name();

	private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

	private final KafkaTemplate<String, RiderLocation> kafka;

	private final IngestMetrics metrics;

	private final Semaphore inFlight;

	private final int maxInFlight;

	private final long ackTimeoutNanos;

	private final Duration retryAfter;

	/**
	 * Whether the producer knows the topic's partitions, so that send() does not block.
	 */
	private volatile boolean ready;

	private final AtomicBoolean lookingUp = new AtomicBoolean();

	private final AtomicLong failuresSinceLog = new AtomicLong();

	private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	LocationPublisher(KafkaTemplate<String, RiderLocation> kafka, IngestProperties properties, IngestMetrics metrics) {
		this.kafka = kafka;
		this.metrics = metrics;
		this.maxInFlight = properties.maxInFlightRequests();
		this.inFlight = new Semaphore(this.maxInFlight);
		this.ackTimeoutNanos = properties.ackTimeout().toNanos();
		this.retryAfter = properties.retryAfter();
		metrics.inFlight(() -> this.maxInFlight - this.inFlight.availablePermits());
	}

	/**
	 * Learns the topic's partitions, once the application has started ({@code 503} until
	 * then); waits at most {@code max.block.ms}. If Kafka is not there, the next request
	 * that finds them unknown starts another look-up, on a thread of its own.
	 */
	void connect() {
		lookUpPartitions();
	}

	private void lookUpPartitions() {
		try {
			this.kafka.partitionsFor(TOPIC);
			this.ready = true;
		}
		catch (RuntimeException ex) {
			logFailure(ex);
			lookUpPartitionsLater();
		}
	}

	private void lookUpPartitionsLater() {
		if (this.lookingUp.compareAndSet(false, true)) {
			Thread lookup = new Thread(() -> {
				try {
					lookUpPartitions();
				}
				finally {
					this.lookingUp.set(false);
				}
			}, "rider-locations-metadata");
			lookup.setDaemon(true);
			lookup.start();
		}
	}

	/**
	 * Sends the fixes in order and waits for all acknowledgements.
	 * @param fixes valid fixes, all of one rider in practice
	 * @return completes with the number of fixes once all are acknowledged, or
	 * exceptionally with an {@link IngestRejectedException} ({@code 503})
	 */
	CompletableFuture<Integer> publish(List<RiderLocation> fixes) {
		if (!this.ready) {
			lookUpPartitionsLater();
			throw IngestRejectedException.unavailable("kafka-unavailable",
					"Kafka cannot be reached: the partitions of " + TOPIC + " are not known yet", this.retryAfter,
					null);
		}
		if (!this.inFlight.tryAcquire()) {
			throw IngestRejectedException.unavailable("overloaded",
					"too many requests are waiting for Kafka (" + this.maxInFlight + ")", this.retryAfter, null);
		}
		long start = System.nanoTime();
		long deadline = start + this.ackTimeoutNanos;
		CompletableFuture<?>[] acks = new CompletableFuture<?>[fixes.size()];
		try {
			for (int i = 0; i < acks.length; i++) {
				RiderLocation fix = fixes.get(i);
				CompletableFuture<?> ack = this.kafka.send(new ProducerRecord<>(TOPIC, fix.riderId(), fix));
				acks[i] = ack;
				if (ack.isCompletedExceptionally()) {
					// send() fails at once (after max.block.ms at worst) when the
					// producer has no partitions for the topic: stop rather than block
					// once per fix, and look them up again off the event loop before the
					// next send
					this.ready = false;
					return failed(start, ack);
				}
				if (System.nanoTime() - deadline > 0) {
					return failed(start, null);
				}
			}
		}
		catch (RuntimeException ex) {
			this.ready = false;
			return failed(start, CompletableFuture.failedFuture(ex));
		}
		long remaining = Math.max(1, deadline - System.nanoTime());
		return CompletableFuture.allOf(acks)
			.orTimeout(remaining, TimeUnit.NANOSECONDS)
			.handle((ignored, error) -> complete(start, fixes.size(), error));
	}

	private int complete(long start, int count, Throwable error) {
		this.inFlight.release();
		long nanos = System.nanoTime() - start;
		this.metrics.produced(nanos, error == null);
		if (error == null) {
			this.metrics.accepted(count);
			return count;
		}
		throw rejection(unwrap(error));
	}

	private CompletableFuture<Integer> failed(long start, CompletableFuture<?> failure) {
		CompletableFuture<?> cause = (failure != null) ? failure
				: CompletableFuture.failedFuture(new TimeoutException());
		return cause.handle((ignored, error) -> complete(start, 0, error));
	}

	private IngestRejectedException rejection(Throwable error) {
		logFailure(error);
		if (error instanceof TimeoutException) {
			return IngestRejectedException.unavailable("kafka-timeout", "Kafka did not acknowledge the fixes in time",
					this.retryAfter, error);
		}
		return IngestRejectedException.unavailable("kafka-unavailable",
				"Kafka could not store the fixes (" + error.getClass().getSimpleName() + ")", this.retryAfter, error);
	}

	/**
	 * Every failure is counted ({@code ridertrack.ingest.rejected}); the log gets one
	 * line per few seconds, so an outage at thousands of requests a second does not drown
	 * it.
	 */
	private void logFailure(Throwable error) {
		long failures = this.failuresSinceLog.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLog.get();
		if (now - last >= LOG_INTERVAL_NANOS && this.lastLog.compareAndSet(last, now)) {
			this.failuresSinceLog.addAndGet(-failures);
			logger.warn(failures + " request(s) answered 503 since the last report; latest: "
					+ ((error instanceof TimeoutException) ? "no acknowledgement within the ack timeout" : error));
		}
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		// KafkaTemplate wraps the producer's exception; name the producer's in the answer
		if (cause instanceof org.springframework.kafka.KafkaException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
