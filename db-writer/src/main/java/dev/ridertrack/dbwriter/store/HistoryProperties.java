package dev.ridertrack.dbwriter.store;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the history is stored and served.
 *
 * @param retention how long fixes are kept (a TTL index, or the time-series collection's
 * {@code expireAfterSeconds})
 * @param storage the kind of collection fixes go to
 * @param bucketWindow the time window of one bucket (the {@code buckets} storage): a
 * rider's fixes of one window share a document
 * @param allowedOrigins browser origins allowed to call the history API (the dashboard)
 * @param defaultMaxPoints points returned when a request does not say
 * @param maxQueryPoints the most fixes one request reads from MongoDB
 */
@ConfigurationProperties("ridertrack.history")
public record HistoryProperties(@DefaultValue("7d") Duration retention,
		@DefaultValue("time-ordered") FixStorage storage, @DefaultValue("1m") Duration bucketWindow,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("2000") int defaultMaxPoints,
		@DefaultValue("200000") int maxQueryPoints) {

	/** The kind of collection the fixes live in. */
	public enum FixStorage {

		/**
		 * One document per rider per {@code bucketWindow} holding its fixes (MongoDB's
		 * bucket pattern), each fix appended only if its {@code seq} is not in the bucket
		 * yet: replays cannot grow it, and far fewer documents. Not yet for
		 * mongo-java-server: its unique index serves only a query on exactly {@code _id},
		 * so each bucket update (filtered on {@code _id} and the seqs) scans the
		 * collection.
		 */
		BUCKETS,

		/**
		 * A plain collection, one document per fix, {@code _id = riderId:seq}: the unique
		 * {@code _id} makes a redelivered fix a duplicate key, so replays cannot grow it.
		 */
		PLAIN,

		/**
		 * As {@link #PLAIN}, in its own collection, with the fix's time first in the
		 * {@code _id} ({@code <epoch ms>:riderId:seq}): new fixes are appended at the end
		 * of the {@code _id} index instead of at every rider's place in it, which is what
		 * the durable embedded store spends least on. A redelivered fix carries the same
		 * time, so it is still a duplicate key. The default.
		 */
		TIME_ORDERED,

		/**
		 * A time-series collection where the server has them (MongoDB 5.0+), else plain.
		 * Compact and fast to scan, but MongoDB does not enforce a unique {@code _id} in
		 * time-series collections: a replay inserts duplicates.
		 */
		TIMESERIES

	}

}
