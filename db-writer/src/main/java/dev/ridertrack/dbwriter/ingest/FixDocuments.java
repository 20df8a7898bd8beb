package dev.ridertrack.dbwriter.ingest;

import java.util.function.Function;

import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.RiderLocation;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * A fix as it is stored, with a deterministic {@code _id}, so the same fix written twice
 * is a duplicate key, never a second document.
 */
final class FixDocuments {

	/** The {@code plain} storage's id: {@code riderId:seq}. */
	static final Function<RiderLocation, String> RIDER_SEQ = RiderLocation::fixId;

	/**
	 * The {@code time-ordered} storage's id: {@code <epoch ms, 13 digits>:riderId:seq}.
	 * Fixes arrive roughly in time order, so each new id sorts after those stored before
	 * it and the store's {@code _id} B-tree grows at its end: one page touched per few
	 * dozen fixes, where {@code riderId:seq} touches one page per rider. 13 digits hold
	 * every time from 2001 to 2286, so string order is time order.
	 */
	static final Function<RiderLocation, String> TIME_RIDER_SEQ = FixDocuments::timeOrderedId;

	private FixDocuments() {
	}

	/**
	 * The stored document. Built of BSON values, not a {@link org.bson.Document}: the
	 * driver encodes a {@code Document} value by value, looking up each value's codec by
	 * its class in the codec registry, which was a fifth of db-writer's CPU at 20,000
	 * fixes/s (issue 14); a {@code BsonDocument}'s values carry their BSON type.
	 * @param fix the fix
	 * @param ids its {@code _id}
	 * @return the document
	 */
	static BsonDocument toDocument(RiderLocation fix, Function<RiderLocation, String> ids) {
		BsonDocument document = new BsonDocument("_id", new BsonString(ids.apply(fix)))
			.append("riderId", new BsonString(fix.riderId()))
			.append("seq", new BsonInt64(fix.seq()));
		if (fix.orderId() != null) {
			document.append("orderId", new BsonString(fix.orderId()));
		}
		return document.append(Collections.TIME, new BsonDateTime(fix.recordedAt().toEpochMilli()))
			.append("lat", new BsonDouble(fix.lat()))
			.append("lon", new BsonDouble(fix.lon()))
			.append("speedMps", new BsonDouble(fix.speedMps()))
			.append("headingDeg", new BsonDouble(fix.headingDeg()))
			.append("accuracyM", new BsonDouble(fix.accuracyM()));
	}

	static String timeOrderedId(RiderLocation fix) {
		String millis = Long.toString(fix.recordedAt().toEpochMilli());
		StringBuilder id = new StringBuilder(millis.length() + fix.riderId().length() + 24);
		for (int i = millis.length(); i < 13; i++) {
			id.append('0');
		}
		return id.append(millis).append(':').append(fix.riderId()).append(':').append(fix.seq()).toString();
	}

}
