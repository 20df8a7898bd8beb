package dev.ridertrack.dbwriter.store;

import java.util.Locale;

import dev.ridertrack.events.OrderStatus;
import org.bson.Document;

/**
 * Names of the collections and fields the history uses; one place so the writer and the
 * reader agree.
 */
public final class Collections {

	/**
	 * One document per fix, {@code _id = riderId:seq}: the {@code plain} and
	 * {@code timeseries} storage.
	 */
	public static final String FIXES = "fixes";

	/**
	 * One document per fix, {@code _id = <fix time in epoch ms, 13 digits>:riderId:seq}:
	 * the {@code time-ordered} storage, the default. The ids of new fixes sort after the
	 * ids stored before them, so the store appends at the end of its {@code _id} B-tree
	 * instead of at 2,000 riders' places (see docs/db-writer.md).
	 */
	public static final String FIXES_BY_TIME = "fixes_by_time";

	/**
	 * One document per rider per time window holding its fixes (MongoDB's bucket
	 * pattern): the {@code buckets} storage. See {@link FixBuckets}.
	 */
	public static final String FIX_BUCKETS = "fix_buckets";

	/** One document per order, {@code _id = orderId}, with a timestamp per status. */
	public static final String ORDERS = "orders";

	/** When the phone took the fix: the time field of every query and of the TTL. */
	public static final String TIME = "t";

	/**
	 * The field of an order document holding the {@link OrderStatus#ordinal() rank} of
	 * the furthest status its events reached; it only grows ({@code $max}).
	 */
	public static final String ORDER_STATUS_RANK = "statusRank";

	private Collections() {
	}

	/**
	 * An order document's status: the furthest one its events reached, named from its
	 * {@link #ORDER_STATUS_RANK rank}.
	 * @param order the stored order
	 * @return its status, or {@code null} if it has none yet
	 */
	public static OrderStatus orderStatus(Document order) {
		Integer rank = order.getInteger(ORDER_STATUS_RANK);
		OrderStatus[] statuses = OrderStatus.values();
		return (rank != null && rank >= 0 && rank < statuses.length) ? statuses[rank] : null;
	}

	/**
	 * The field of an order document holding when it reached a status: {@code pickedUpAt}
	 * for {@code PICKED_UP}.
	 * @param status the status
	 * @return the field name
	 */
	public static String orderTimestampField(OrderStatus status) {
		StringBuilder field = new StringBuilder();
		boolean upper = false;
		for (char c : status.name().toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				field.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return field.append("At").toString();
	}

}
