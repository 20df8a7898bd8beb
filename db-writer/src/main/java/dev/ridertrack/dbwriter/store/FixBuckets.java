package dev.ridertrack.dbwriter.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The shape of a bucket: one document per rider per time window, holding that window's
 * fixes (MongoDB's bucket pattern for IoT and GPS data, and what its time-series
 * collections do inside):
 *
 * <pre>
 * {_id: "rider-000042:1795341600", riderId, start: Date, n: 120, t0: Date, t1: Date,
 *  orderIds: ["order-7"], fixes: [{seq, t, lat, lon, speedMps, headingDeg, accuracyM, orderId?}, ...]}
 * </pre>
 *
 * The {@code _id} is the rider and the window's start (epoch seconds), so every writer
 * puts a fix into the same bucket; a fix is identified in its bucket by {@code seq}, and
 * {@code n} counts the fixes in it. The writer appends to a bucket only if none of the
 * appended {@code seq}s is there yet, in the same atomic update that raises {@code n}: a
 * replayed fix is never stored twice and {@code n} is always the number of fixes held.
 */
public final class FixBuckets {

	/** The rider. */
	public static final String RIDER = "riderId";

	/** The window's start. */
	public static final String START = "start";

	/** How many fixes the bucket holds. */
	public static final String COUNT = "n";

	/** The earliest fix time in the bucket. */
	public static final String FIRST = "t0";

	/** The latest fix time in the bucket: the retention's field. */
	public static final String LAST = "t1";

	/** Orders the bucket's fixes were sent for. */
	public static final String ORDERS = "orderIds";

	/** The fixes, in arrival order. */
	public static final String FIXES = "fixes";

	/** A fix's sequence number inside {@link #FIXES}. */
	public static final String SEQ = "seq";

	private FixBuckets() {
	}

	/**
	 * The start of the window a fix falls in.
	 * @param time when the fix was taken
	 * @param window the bucket window
	 * @return the window's start
	 */
	public static Instant windowStart(Instant time, Duration window) {
		long size = window.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), size) * size);
	}

	/**
	 * A bucket's id.
	 * @param riderId the rider
	 * @param windowStart the window's start
	 * @return {@code riderId:epochSeconds}
	 */
	public static String id(String riderId, Instant windowStart) {
		return riderId + ":" + windowStart.getEpochSecond();
	}

}
