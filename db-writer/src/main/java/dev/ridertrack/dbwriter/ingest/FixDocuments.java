package dev.ridertrack.dbwriter.ingest;

import java.util.Date;

import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.RiderLocation;
import org.bson.Document;

/**
 * A fix as it is stored: {@code _id = riderId:seq}, so the same fix written twice is a
 * duplicate key, never a second document.
 */
final class FixDocuments {

	private FixDocuments() {
	}

	static Document toDocument(RiderLocation fix) {
		Document document = new Document("_id", fix.fixId()).append("riderId", fix.riderId()).append("seq", fix.seq());
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

}
