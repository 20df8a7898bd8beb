package dev.ridertrack.dbwriter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.FixBuckets;
import dev.ridertrack.events.RiderLocation;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One unordered bulk write of upserts per batch, one upsert per rider and window (see
 * {@link FixBuckets}): a rider's fixes of the batch are appended to its bucket together,
 * so a batch costs the store one document update per rider instead of one insert per fix.
 * <p>
 * Idempotence: an upsert's filter is the bucket's {@code _id} <em>and</em> "none of these
 * {@code seq}s is in it yet". When one is, the filter matches nothing and the upsert's
 * insert collides with the existing bucket's {@code _id}: a duplicate-key error, and
 * nothing of that update is applied (one document's update is atomic, and it raises the
 * bucket's count with the append). A single fix that collides was stored before; a group
 * that collides (a batch redelivered after a crash can end part-way into what was stored)
 * is written again fix by fix, which stores exactly the missing ones.
 */
class BucketFixStore implements FixStore {

	private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

	private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

	private final MongoCollection<Document> buckets;

	private final Duration window;

	BucketFixStore(MongoCollection<Document> buckets, Duration window) {
		this.buckets = buckets;
		this.window = window;
	}

	@Override
	public int write(List<RiderLocation> fixes) {
		if (fixes.isEmpty()) {
			return 0;
		}
		Map<String, Map<Long, RiderLocation>> byBucket = new LinkedHashMap<>();
		int duplicates = 0;
		for (RiderLocation fix : fixes) {
			Instant start = FixBuckets.windowStart(fix.recordedAt(), this.window);
			Map<Long, RiderLocation> bucket = byBucket.computeIfAbsent(FixBuckets.id(fix.riderId(), start),
					(id) -> new LinkedHashMap<>());
			// the same fix twice in one batch (a client that sent it twice) is kept once
			if (bucket.putIfAbsent(fix.seq(), fix) != null) {
				duplicates++;
			}
		}
		List<List<RiderLocation>> groups = new ArrayList<>(byBucket.size());
		byBucket.values().forEach((bucket) -> groups.add(List.copyOf(bucket.values())));
		List<List<RiderLocation>> collided = new ArrayList<>();
		duplicates += append(groups, collided);
		if (!collided.isEmpty()) {
			List<List<RiderLocation>> singles = new ArrayList<>();
			collided.forEach((group) -> group.forEach((fix) -> singles.add(List.of(fix))));
			duplicates += append(singles, new ArrayList<>());
		}
		return duplicates;
	}

	/**
	 * Appends each group to its bucket in one bulk write.
	 * @param groups each a rider's fixes of one window
	 * @param collided receives the groups of more than one fix that met a stored fix
	 * @return single fixes that were stored already
	 */
	private int append(List<List<RiderLocation>> groups, List<List<RiderLocation>> collided) {
		List<WriteModel<Document>> updates = new ArrayList<>(groups.size());
		for (List<RiderLocation> group : groups) {
			updates.add(appendIfAbsent(group));
		}
		try {
			this.buckets.bulkWrite(updates, UNORDERED);
			return 0;
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteConcernError() != null
					|| !ex.getWriteErrors().stream().allMatch(BucketFixStore::isDuplicate)) {
				throw ex;
			}
			int duplicates = 0;
			for (BulkWriteError error : ex.getWriteErrors()) {
				List<RiderLocation> group = groups.get(error.getIndex());
				if (group.size() == 1) {
					duplicates++;
				}
				else {
					collided.add(group);
				}
			}
			return duplicates;
		}
	}

	private UpdateOneModel<Document> appendIfAbsent(List<RiderLocation> group) {
		RiderLocation first = group.get(0);
		Instant start = FixBuckets.windowStart(first.recordedAt(), this.window);
		List<Long> seqs = new ArrayList<>(group.size());
		List<Document> documents = new ArrayList<>(group.size());
		Set<String> orders = new LinkedHashSet<>();
		Instant earliest = first.recordedAt();
		Instant latest = first.recordedAt();
		for (RiderLocation fix : group) {
			seqs.add(fix.seq());
			documents.add(inBucket(fix));
			if (fix.orderId() != null) {
				orders.add(fix.orderId());
			}
			earliest = fix.recordedAt().isBefore(earliest) ? fix.recordedAt() : earliest;
			latest = fix.recordedAt().isAfter(latest) ? fix.recordedAt() : latest;
		}
		Bson filter = Filters.and(Filters.eq("_id", FixBuckets.id(first.riderId(), start)),
				Filters.nin(FixBuckets.FIXES + "." + FixBuckets.SEQ, seqs));
		List<Bson> update = new ArrayList<>(List.of(Updates.setOnInsert(FixBuckets.RIDER, first.riderId()),
				Updates.setOnInsert(FixBuckets.START, Date.from(start)), Updates.pushEach(FixBuckets.FIXES, documents),
				Updates.inc(FixBuckets.COUNT, documents.size()), Updates.min(FixBuckets.FIRST, Date.from(earliest)),
				Updates.max(FixBuckets.LAST, Date.from(latest))));
		if (!orders.isEmpty()) {
			update.add(Updates.addEachToSet(FixBuckets.ORDERS, new ArrayList<>(orders)));
		}
		return new UpdateOneModel<>(filter, Updates.combine(update), UPSERT);
	}

	/** A fix inside its bucket: the rider and the bucket's id are the bucket's. */
	private static Document inBucket(RiderLocation fix) {
		Document document = new Document(FixBuckets.SEQ, fix.seq()).append(Collections.TIME,
				Date.from(fix.recordedAt()));
		document.append("lat", fix.lat())
			.append("lon", fix.lon())
			.append("speedMps", fix.speedMps())
			.append("headingDeg", fix.headingDeg())
			.append("accuracyM", fix.accuracyM());
		if (fix.orderId() != null) {
			document.append("orderId", fix.orderId());
		}
		return document;
	}

	private static boolean isDuplicate(BulkWriteError error) {
		return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
	}

}
