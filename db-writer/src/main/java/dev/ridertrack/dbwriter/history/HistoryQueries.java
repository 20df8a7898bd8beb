package dev.ridertrack.dbwriter.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.FixBuckets;
import dev.ridertrack.dbwriter.store.HistoryProperties;
import dev.ridertrack.dbwriter.store.HistoryProperties.FixStorage;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads tracks with the indexes the writer creates: rider + time and order + time for one
 * document per fix (the default), rider + window and order for buckets.
 */
@Component
class HistoryQueries {

	private final MongoCollection<Document> fixes;

	private final MongoCollection<Document> orders;

	private final MongoCollection<Document> buckets;

	private final boolean bucketed;

	private final boolean timeSeries;

	private final Duration window;

	private final int maxQueryPoints;

	HistoryQueries(MongoTemplate mongo, HistoryProperties properties) {
		this.fixes = mongo.getCollection(
				(properties.storage() == FixStorage.TIME_ORDERED) ? Collections.FIXES_BY_TIME : Collections.FIXES);
		this.buckets = mongo.getCollection(Collections.FIX_BUCKETS);
		this.orders = mongo.getCollection(Collections.ORDERS);
		this.bucketed = properties.storage() == FixStorage.BUCKETS;
		this.timeSeries = properties.storage() == FixStorage.TIMESERIES;
		this.window = properties.bucketWindow();
		this.maxQueryPoints = properties.maxQueryPoints();
	}

	/** A rider's fixes in {@code [from, to)}, oldest first. */
	Track riderTrack(String riderId, Instant from, Instant to) {
		if (this.bucketed) {
			// every window that overlaps [from, to)
			Bson buckets = Filters.and(Filters.eq(FixBuckets.RIDER, riderId),
					Filters.gte(FixBuckets.START, Date.from(FixBuckets.windowStart(from, this.window))),
					Filters.lt(FixBuckets.START, Date.from(to)));
			return readBuckets(buckets, (fix) -> {
				Instant t = fix.getDate(Collections.TIME).toInstant();
				return !t.isBefore(from) && t.isBefore(to);
			});
		}
		return read(Filters.and(Filters.eq("riderId", riderId), Filters.gte(Collections.TIME, Date.from(from)),
				Filters.lt(Collections.TIME, Date.from(to))));
	}

	/** Every fix sent while carrying or riding to the order, oldest first. */
	Track orderTrack(String orderId) {
		if (this.bucketed) {
			return readBuckets(Filters.eq(FixBuckets.ORDERS, orderId),
					(fix) -> orderId.equals(fix.getString("orderId")));
		}
		return read(Filters.eq("orderId", orderId));
	}

	/**
	 * The fixes of the matching buckets that pass the test, oldest first: a bucket holds
	 * a whole window, the query asks for part of one.
	 */
	private Track readBuckets(Bson filter, Predicate<Document> wanted) {
		List<Document> selected = new ArrayList<>();
		for (Document bucket : this.buckets.find(filter)) {
			for (Document fix : bucket.getList(FixBuckets.FIXES, Document.class, List.of())) {
				if (wanted.test(fix)) {
					selected.add(fix);
				}
			}
		}
		selected.sort(Comparator.comparing((Document fix) -> fix.getDate(Collections.TIME))
			.thenComparingLong((fix) -> fix.get(FixBuckets.SEQ, Number.class).longValue()));
		List<TrackPoint> points = new ArrayList<>(Math.min(selected.size(), this.maxQueryPoints));
		for (Document fix : selected.subList(0, Math.min(selected.size(), this.maxQueryPoints))) {
			points.add(point(fix));
		}
		return new Track(points, selected.size() > this.maxQueryPoints);
	}

	private static TrackPoint point(Document fix) {
		return new TrackPoint(fix.get("seq", Number.class).longValue(), fix.getDate(Collections.TIME).toInstant(),
				fix.getDouble("lat"), fix.getDouble("lon"), fix.getDouble("speedMps"), fix.getString("orderId"));
	}

	Optional<OrderView> order(String orderId) {
		Document order = this.orders.find(Filters.eq("_id", orderId)).first();
		if (order == null) {
			return Optional.empty();
		}
		Map<OrderStatus, Instant> timestamps = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			Date at = order.getDate(Collections.orderTimestampField(status));
			if (at != null) {
				timestamps.put(status, at.toInstant());
			}
		}
		return Optional.of(new OrderView(orderId, Collections.orderStatus(order), order.getString("riderId"),
				place(order.get("restaurant", Document.class)), place(order.get("customer", Document.class)),
				timestamps));
	}

	/** A place as the writer stores it: {@code {id, name, lat, lon}}. */
	private static Place place(Document place) {
		if (place == null || !(place.get("lat") instanceof Number lat) || !(place.get("lon") instanceof Number lon)) {
			return null;
		}
		return new Place(place.getString("id"), place.getString("name"), lat.doubleValue(), lon.doubleValue());
	}

	private Track read(Bson filter) {
		List<TrackPoint> points = new ArrayList<>();
		for (Document fix : this.fixes.find(filter)
			.sort(Sorts.ascending(Collections.TIME, "seq"))
			.limit(this.maxQueryPoints + 1)) {
			points.add(point(fix));
		}
		boolean truncated = points.size() > this.maxQueryPoints;
		return new Track(truncated ? points.subList(0, this.maxQueryPoints) : points, truncated);
	}

	record Track(List<TrackPoint> points, boolean truncated) {
	}

	/**
	 * An order's lifecycle.
	 *
	 * @param orderId the order
	 * @param status the furthest status reached
	 * @param riderId the rider who carried it
	 * @param restaurant where it was picked up
	 * @param customer where it was delivered
	 * @param timestamps when each status was reached
	 */
	record OrderView(String orderId, OrderStatus status, String riderId, Place restaurant, Place customer,
			Map<OrderStatus, Instant> timestamps) {
	}

	/**
	 * How many fixes the history holds, each distinct fix once (a bucket's count rises
	 * only with fixes it did not hold): with the topic's record count it shows that
	 * nothing was lost and nothing written twice.
	 * @return the number of fixes stored
	 */
	long countFixes() {
		if (this.bucketed) {
			Document total = this.buckets
				.aggregate(List.of(Aggregates.group(null, Accumulators.sum("fixes", "$" + FixBuckets.COUNT))))
				.first();
			return (total != null) ? total.get("fixes", Number.class).longValue() : 0;
		}
		if (this.timeSeries) {
			// a time-series collection is a view: it has no count of its own to read
			return this.fixes.countDocuments();
		}
		// The collection's own count, not countDocuments(), which is an aggregation over
		// every document: with the seeds' scenario's 7 million fixes in the embedded
		// store it had not answered after 60 s and held up db-writer's flushes meanwhile
		// (issue 14). MongoDB keeps this count exact but after its own unclean shutdown.
		return this.fixes.estimatedDocumentCount();
	}

}
