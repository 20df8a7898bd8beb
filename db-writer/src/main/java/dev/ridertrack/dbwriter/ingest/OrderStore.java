package dev.ridertrack.dbwriter.ingest;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.Place;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One document per order, built from its events by upserts that are harmless to repeat:
 * each status sets its own timestamp ({@code assignedAt}, {@code pickedUpAt}, ...), and
 * {@code statusRank} only moves forward ({@code $max}), so a replayed {@code CREATED}
 * never turns a delivered order back into a new one. Readers name the status from the
 * rank ({@link Collections#orderStatus(Document)}).
 * <p>
 * Every update is filtered on {@code _id} alone. The embedded MongoDB-compatible store
 * uses an index only for a filter with exactly the index's fields: the earlier second
 * update, filtered on {@code _id} and a lower {@code statusRank}, scanned the whole
 * collection for every order event, which grew with every order and was the store's
 * biggest cost at 20,000 fixes/s (issue 14, {@code docs/performance.md}).
 */
class OrderStore {

	private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

	private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

	private final MongoCollection<Document> orders;

	OrderStore(MongoCollection<Document> orders) {
		this.orders = orders;
	}

	/**
	 * Applies a batch of events in one bulk write. Events of one order are merged first
	 * (one order's events all come from one partition, so one consumer), which keeps two
	 * upserts of a new order out of one bulk write.
	 */
	void apply(List<OrderEvent> events) {
		Map<String, List<OrderEvent>> byOrder = new LinkedHashMap<>();
		for (OrderEvent event : events) {
			byOrder.computeIfAbsent(event.orderId(), (id) -> new ArrayList<>()).add(event);
		}
		List<WriteModel<Document>> writes = new ArrayList<>();
		byOrder.forEach((orderId, orderEvents) -> {
			List<Bson> sets = new ArrayList<>();
			OrderEvent furthest = orderEvents.get(0);
			for (OrderEvent event : orderEvents) {
				sets.add(Updates.set(Collections.orderTimestampField(event.status()), Date.from(event.at())));
				if (event.riderId() != null) {
					sets.add(Updates.set("riderId", event.riderId()));
				}
				if (event.restaurant() != null) {
					sets.add(Updates.set("restaurant", place(event.restaurant())));
				}
				if (event.customer() != null) {
					sets.add(Updates.set("customer", place(event.customer())));
				}
				if (event.status().ordinal() > furthest.status().ordinal()) {
					furthest = event;
				}
			}
			List<Bson> updates = dedupe(sets);
			updates.add(Updates.max(Collections.ORDER_STATUS_RANK, furthest.status().ordinal()));
			writes.add(new UpdateOneModel<>(Filters.eq("_id", orderId), Updates.combine(updates), UPSERT));
		});
		if (!writes.isEmpty()) {
			this.orders.bulkWrite(writes, ORDERED);
		}
	}

	private static List<Bson> dedupe(List<Bson> sets) {
		// A later $set of the same field wins; MongoDB rejects two updates of one path.
		Map<String, Bson> byField = new LinkedHashMap<>();
		for (Bson set : sets) {
			byField.put(set.toBsonDocument().getDocument("$set").getFirstKey(), set);
		}
		return new ArrayList<>(byField.values());
	}

	private static Document place(Place place) {
		return new Document("id", place.id()).append("name", place.name())
			.append("lat", place.lat())
			.append("lon", place.lon());
	}

}
