package dev.ridertrack.dbwriter.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.RiderLocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Writes each poll of {@code rider-locations} as one flush. The consumer's fetch settings
 * make a poll the batch (see {@link IngestConfiguration}); the container commits the
 * poll's offsets only after this method returns, i.e. after MongoDB acknowledged the
 * flush. A failed flush throws, the error handler pauses the consumer and retries the
 * same batch until MongoDB takes it, nothing is committed meanwhile.
 */
class FixListener {

	private static final Logger log = LoggerFactory.getLogger(FixListener.class);

	private final FixStore store;

	private final Timer flushes;

	private final Counter written;

	private final Counter duplicates;

	private final DistributionSummary batchSize;

	private final Counter failures;

	private volatile boolean failing;

	FixListener(FixStore store, WriterProperties.Mode mode, MeterRegistry meters) {
		this.store = store;
		String modeTag = mode.name().toLowerCase(Locale.ROOT);
		this.flushes = Timer.builder("ridertrack.dbwriter.flushes")
			.description("Flushes of a batch of fixes to MongoDB, with their latency")
			.tag("mode", modeTag)
			.publishPercentileHistogram()
			.register(meters);
		this.written = Counter.builder("ridertrack.dbwriter.fixes.written")
			.description("Fixes stored for the first time")
			.register(meters);
		this.duplicates = Counter.builder("ridertrack.dbwriter.fixes.duplicates")
			.description("Fixes already stored (redelivered or replayed), skipped")
			.register(meters);
		this.batchSize = DistributionSummary.builder("ridertrack.dbwriter.batch.size")
			.description("Fixes per flush")
			.register(meters);
		this.failures = Counter.builder("ridertrack.dbwriter.flush.failures")
			.description("Flushes MongoDB did not acknowledge (retried)")
			.register(meters);
	}

	@KafkaListener(id = "fix-writer", idIsGroup = false,
			topics = "#{T(dev.ridertrack.events.Topics).RIDER_LOCATIONS.name()}",
			containerFactory = "fixListenerContainerFactory")
	void onFixes(List<ConsumerRecord<String, RiderLocation>> records) {
		List<RiderLocation> documents = new ArrayList<>(records.size());
		for (ConsumerRecord<String, RiderLocation> record : records) {
			if (record.value() != null && isComplete(record.value())) {
				documents.add(record.value());
			}
		}
		long start = System.nanoTime();
		int skipped;
		try {
			skipped = this.store.write(documents);
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			if (!this.failing) {
				log.warn("MongoDB did not take a flush of {} fixes; retrying it until it does, committing nothing "
						+ "meanwhile: {}", documents.size(), ex.toString());
			}
			this.failing = true;
			throw retryWholeBatch(ex);
		}
		if (this.failing) {
			log.info("MongoDB took the flush again; catching up");
			this.failing = false;
		}
		this.flushes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		this.batchSize.record(documents.size());
		this.written.increment(documents.size() - skipped);
		this.duplicates.increment(skipped);
		// The readable records are written; now report the first unreadable one. The
		// error handler commits what precedes it, sends it to the DLT and redelivers the
		// rest, which are duplicates by then and cost one cheap flush.
		Poison.reportFirst(records, FixListener::isComplete);
	}

	/**
	 * Reported as a failure of the batch's first record, the error handler commits
	 * nothing, seeks every partition back to the start of this batch, waits (growing
	 * back-off) and the next poll fetches the same fixes again from Kafka. Nothing is
	 * held in memory across attempts, and it is the same path a poison record takes.
	 */
	static BatchListenerFailedException retryWholeBatch(RuntimeException cause) {
		return new BatchListenerFailedException("MongoDB did not take the flush", cause, 0);
	}

	private static boolean isComplete(RiderLocation fix) {
		return fix.riderId() != null && !fix.riderId().isBlank() && fix.recordedAt() != null;
	}

}
