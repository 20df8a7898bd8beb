package dev.ridertrack.dbwriter;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.FixBuckets;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the history holds, read straight from MongoDB in any layout (one document per fix
 * in {@code fixes_by_time} or {@code fixes}, or buckets in {@code fix_buckets}): every
 * fix as stored, so a fix stored twice is listed twice (the tests' "exactly once" is then
 * "as many ids as distinct ids").
 */
public final class StoredFixes {

	private StoredFixes() {
	}

	/**
	 * Every stored fix of the riders whose id starts with {@code prefix-}.
	 * @param db the history's database
	 * @param prefix the riders' prefix
	 * @return the ids ({@code riderId:seq}), one per stored fix
	 */
	public static List<String> ids(MongoDatabase db, String prefix) {
		return fixes(db, Filters.regex(FixBuckets.RIDER, "^" + prefix + "-")).stream()
			.map((fix) -> fix.getString(FixBuckets.RIDER) + ":" + fix.get(FixBuckets.SEQ, Number.class).longValue())
			.toList();
	}

	/**
	 * Every stored fix of the buckets that match, each with its bucket's rider.
	 * @param db the history's database
	 * @param buckets which buckets
	 * @return the fixes as stored
	 */
	public static List<Document> fixes(MongoDatabase db, Bson buckets) {
		List<Document> fixes = new ArrayList<>();
		// one document per fix: the bucket filters' fields are the same (riderId), but an
		// order is orderId there
		Bson plain = (buckets.toBsonDocument().containsKey(FixBuckets.ORDERS))
				? new Document("orderId", buckets.toBsonDocument().get(FixBuckets.ORDERS)) : buckets;
		db.getCollection(Collections.FIXES).find(plain).into(fixes);
		db.getCollection(Collections.FIXES_BY_TIME).find(plain).into(fixes);
		for (Document bucket : db.getCollection(Collections.FIX_BUCKETS).find(buckets)) {
			for (Document fix : bucket.getList(FixBuckets.FIXES, Document.class)) {
				fixes.add(fix.append(FixBuckets.RIDER, bucket.getString(FixBuckets.RIDER)));
			}
		}
		return fixes;
	}

	/**
	 * The fixes the history says it holds: per-fix documents plus the sum of the buckets'
	 * counts, as {@code GET /api/v1/history/count} reports.
	 * @param db the history's database
	 * @return the sum of the buckets' counts
	 */
	public static long counted(MongoDatabase db) {
		Document total = db.getCollection(Collections.FIX_BUCKETS)
			.aggregate(List.of(Aggregates.group(null, Accumulators.sum("n", "$" + FixBuckets.COUNT))))
			.first();
		long bucketed = (total != null) ? total.get("n", Number.class).longValue() : 0;
		return bucketed + db.getCollection(Collections.FIXES).countDocuments()
				+ db.getCollection(Collections.FIXES_BY_TIME).countDocuments();
	}

}
