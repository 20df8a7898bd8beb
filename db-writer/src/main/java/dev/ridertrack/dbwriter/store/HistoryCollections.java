package dev.ridertrack.dbwriter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.TimeSeriesGranularity;
import com.mongodb.client.model.TimeSeriesOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.ridertrack.dbwriter.store.HistoryProperties.FixStorage;

/**
 * Creates the collections and indexes at start, before any listener writes: queries by
 * rider and time and by order and time, and the retention. Safe to run again on every
 * start.
 */
@Component
class HistoryCollections implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(HistoryCollections.class);

	/** MongoDB's code when an index of that name exists with other options. */
	private static final int INDEX_OPTIONS_CONFLICT = 85;

	private final MongoTemplate mongo;

	private final HistoryProperties properties;

	private volatile boolean timeSeries;

	HistoryCollections(MongoTemplate mongo, HistoryProperties properties) {
		this.mongo = mongo;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		MongoDatabase db = this.mongo.getDb();
		long retentionSeconds = this.properties.retention().toSeconds();
		List<String> existing = db.listCollectionNames().into(new ArrayList<>());
		String kind;
		if (this.properties.storage() == FixStorage.BUCKETS) {
			createBuckets(db, existing, retentionSeconds);
			kind = "buckets of " + this.properties.bucketWindow();
		}
		else if (this.properties.storage() == FixStorage.TIME_ORDERED) {
			if (!existing.contains(Collections.FIXES_BY_TIME)) {
				db.createCollection(Collections.FIXES_BY_TIME);
			}
			createFixIndexes(db, Collections.FIXES_BY_TIME, retentionSeconds);
			kind = "one document per fix, time-ordered ids";
		}
		else {
			createPlainOrTimeSeries(db, existing, retentionSeconds);
			kind = this.timeSeries ? "time-series" : "plain";
		}
		if (!existing.contains(Collections.ORDERS)) {
			db.createCollection(Collections.ORDERS);
		}
		db.getCollection(Collections.ORDERS)
			.createIndex(Indexes.ascending("riderId"), new IndexOptions().name("rider"));
		log.info("History in '{}' ({}, retention {}) and '{}'", fixCollection(), kind, this.properties.retention(),
				Collections.ORDERS);
	}

	private String fixCollection() {
		return switch (this.properties.storage()) {
			case BUCKETS -> Collections.FIX_BUCKETS;
			case TIME_ORDERED -> Collections.FIXES_BY_TIME;
			case PLAIN, TIMESERIES -> Collections.FIXES;
		};
	}

	private void createBuckets(MongoDatabase db, List<String> existing, long retentionSeconds) {
		if (!existing.contains(Collections.FIX_BUCKETS)) {
			db.createCollection(Collections.FIX_BUCKETS);
		}
		MongoCollection<Document> buckets = db.getCollection(Collections.FIX_BUCKETS);
		buckets.createIndex(Indexes.ascending(FixBuckets.RIDER, FixBuckets.START),
				new IndexOptions().name("rider_window"));
		buckets.createIndex(Indexes.ascending(FixBuckets.ORDERS), new IndexOptions().name("orders"));
		// A bucket goes when its newest fix is older than the retention.
		ensureTtl(db, buckets, Collections.FIX_BUCKETS, FixBuckets.LAST, retentionSeconds);
	}

	private void createPlainOrTimeSeries(MongoDatabase db, List<String> existing, long retentionSeconds) {
		if (!existing.contains(Collections.FIXES)) {
			if (this.properties.storage() == FixStorage.TIMESERIES && supportsTimeSeries(db)) {
				db.createCollection(Collections.FIXES,
						new CreateCollectionOptions()
							.timeSeriesOptions(new TimeSeriesOptions(Collections.TIME).metaField("riderId")
								.granularity(TimeSeriesGranularity.SECONDS))
							.expireAfter(retentionSeconds, TimeUnit.SECONDS));
				this.timeSeries = true;
			}
			else {
				db.createCollection(Collections.FIXES);
			}
		}
		else {
			this.timeSeries = isTimeSeries(db);
		}
		createFixIndexes(db, Collections.FIXES, this.timeSeries ? -1 : retentionSeconds);
	}

	/**
	 * Queries by rider and time and by order and time, and the retention unless it is the
	 * time-series collection's own ({@code retentionSeconds} &lt; 0).
	 */
	private void createFixIndexes(MongoDatabase db, String collection, long retentionSeconds) {
		MongoCollection<Document> fixes = db.getCollection(collection);
		fixes.createIndex(Indexes.ascending("riderId", Collections.TIME), new IndexOptions().name("rider_time"));
		fixes.createIndex(Indexes.ascending("orderId", Collections.TIME), new IndexOptions().name("order_time"));
		if (retentionSeconds >= 0) {
			ensureTtl(db, fixes, collection, Collections.TIME, retentionSeconds);
		}
	}

	/**
	 * Whether the fixes collection is a time-series collection (and so does not reject a
	 * duplicate {@code _id}).
	 * @return {@code true} for time-series
	 */
	boolean isTimeSeries() {
		return this.timeSeries;
	}

	private void ensureTtl(MongoDatabase db, MongoCollection<Document> fixes, String collection, String field,
			long retentionSeconds) {
		IndexOptions ttl = new IndexOptions().name("retention").expireAfter(retentionSeconds, TimeUnit.SECONDS);
		try {
			fixes.createIndex(Indexes.ascending(field), ttl);
		}
		catch (MongoCommandException ex) {
			if (ex.getErrorCode() != INDEX_OPTIONS_CONFLICT) {
				throw ex;
			}
			// The retention changed since the index was made: change it in place.
			db.runCommand(new Document("collMod", collection).append("index",
					new Document("name", "retention").append("expireAfterSeconds", retentionSeconds)));
		}
	}

	/**
	 * Real MongoDB has time-series collections from 5.0. mongo-java-server reports an
	 * older version and would create a plain collection anyway.
	 */
	private static boolean supportsTimeSeries(MongoDatabase db) {
		try {
			Document info = db.runCommand(new Document("buildInfo", 1));
			List<?> version = info.getList("versionArray", Object.class);
			int major = (version != null && !version.isEmpty()) ? ((Number) version.get(0)).intValue()
					: Integer.parseInt(info.getString("version").split("\\.")[0]);
			return major >= 5;
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the server version, using a plain collection", ex);
			return false;
		}
	}

	private static boolean isTimeSeries(MongoDatabase db) {
		for (Document collection : db.listCollections().filter(new Document("name", Collections.FIXES))) {
			return "timeseries".equals(collection.getString("type"));
		}
		return false;
	}

}
