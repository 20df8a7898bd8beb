package dev.ridertrack.dbwriter.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fixes are batched into MongoDB writes.
 *
 * @param mode {@code batched} (one bulk write per batch) or {@code naive} (one
 * {@code insertOne} per fix, the baseline)
 * @param batchSize the most fixes in one batch: the consumer's {@code max.poll.records}
 * @param batchAge the longest a fix waits for its batch to fill: the consumer's
 * {@code fetch.max.wait.ms}
 * @param fetchMinBytes the bytes the broker gathers before it answers a fetch early: the
 * consumer's {@code fetch.min.bytes}
 * @param concurrency consumers (and so concurrent flushes) in this instance
 * @param retryInitial the first pause before a failed flush is retried
 * @param retryMax the longest pause between retries of a failed flush (it is retried
 * until it succeeds)
 */
@ConfigurationProperties("ridertrack.dbwriter")
record WriterProperties(@DefaultValue("batched") Mode mode, @DefaultValue("5000") int batchSize,
		@DefaultValue("2s") Duration batchAge, @DefaultValue("262144") int fetchMinBytes,
		@DefaultValue("1") int concurrency, @DefaultValue("200ms") Duration retryInitial,
		@DefaultValue("5s") Duration retryMax) {

	enum Mode {

		/** One unordered bulk insert per batch. */
		BATCHED,

		/** One {@code insertOne} per fix: what writing without batching costs. */
		NAIVE

	}

}
