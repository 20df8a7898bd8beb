package dev.ridertrack.dbwriter.ingest;

import java.util.Date;
import java.util.function.Function;

import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.RiderLocation;
import org.bson.Document;

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

	static Document toDocument(RiderLocation fix, Function<RiderLocation, String> ids) {
		Document document = new Document("_id", ids.apply(fix)).append("riderId", fix.riderId())
			.append("seq", fix.seq());
		if (fix.orderId() != null) {
			document.append("orderId", fix.orderId());
		}
		return document.append(Collections.TIME, Date.from(fix.recordedAt()))
			.append("lat", fix.lat())
			.append("lon", fix.lon())
			.append("speedMps", fix.speedMps())
			.append("headingDeg", fix.headingDeg())
			.append("accuracyM", fix.accuracyM());
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
