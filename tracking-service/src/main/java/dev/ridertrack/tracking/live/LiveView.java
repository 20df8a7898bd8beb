package dev.ridertrack.tracking.live;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.ridertrack.tracking.TrackingProperties;
import dev.ridertrack.tracking.state.RiderStore.Duty;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every rider this instance has seen, in memory, for the push. One writer (the live feed
 * thread) updates slots; the session senders read them. Each change stamps the slot with
 * a rising version, so a session finds what changed since its last frame by comparing
 * versions: a slow session simply catches up with the latest state, never a queue.
 */
@Component
public class LiveView {

	static final byte IDLE = 0;

	static final byte TO_RESTAURANT = 1;

	static final byte TO_CUSTOMER = 2;

	private final Map<String, Slot> byId = new ConcurrentHashMap<>();

	private final Map<String, Duty> duties = new ConcurrentHashMap<>();

	private volatile Slot[] slots = new Slot[1024];

	private volatile int size;

	private final AtomicLong version = new AtomicLong();

	private final LongAdder fixes = new LongAdder();

	private final Clock clock;

	private final TrackingProperties properties;

	private final LatencyStages stages;

	LiveView(Clock clock, TrackingProperties properties, LatencyStages stages) {
		this.clock = clock;
		this.properties = properties;
		this.stages = stages;
	}

	/** Applies a fix; called by the single feed thread. */
	void fix(String riderId, long seq, double lat, double lon, float speed, float heading, long recordedAt,
			String fixOrderId, long sentAt, long consumedAt) {
		this.fixes.increment();
		this.stages.sent(sentAt - recordedAt);
		this.stages.consumed(consumedAt - sentAt);
		Slot slot = this.byId.get(riderId);
		if (slot == null) {
			slot = add(riderId);
		}
		if (seq <= slot.seq && !slot.removed) {
			return;
		}
		slot.seq = seq;
		slot.lat = (int) Math.round(lat * 1e6);
		slot.lon = (int) Math.round(lon * 1e6);
		slot.speed = speed;
		slot.heading = heading;
		slot.recordedAt = recordedAt;
		slot.consumedAt = consumedAt;
		// Web Mercator once per fix, so density grids only bin
		slot.mx = DensityGrid.mercX(lon);
		slot.my = DensityGrid.mercY(lat);
		slot.removed = false;
		slot.version = this.version.incrementAndGet();
	}

	/** Applies a rider's duty from an order event; called by the single feed thread. */
	void duty(String riderId, String orderId, byte state, boolean ended) {
		if (ended) {
			Duty current = this.duties.get(riderId);
			if (current == null || !orderId.equals(current.orderId())) {
				// an older order finishing must not idle a rider already on a newer one
				return;
			}
			this.duties.remove(riderId);
		}
		else {
			this.duties.put(riderId, new Duty(stateName(state), orderId));
		}
		Slot slot = this.byId.get(riderId);
		if (slot != null) {
			slot.state = ended ? IDLE : state;
			slot.orderId = ended ? null : orderId;
			slot.version = this.version.incrementAndGet();
		}
	}

	/**
	 * Takes every rider's duty from Redis, when the feed starts reading after missing
	 * order events; called by the single feed thread.
	 */
	void replaceDuties(Map<String, Duty> stored) {
		this.duties.keySet().retainAll(stored.keySet());
		this.duties.putAll(stored);
		Slot[] all = this.slots;
		int n = this.size;
		for (int i = 0; i < n; i++) {
			Slot slot = all[i];
			Duty duty = stored.get(slot.riderId);
			byte state = (duty != null) ? stateCode(duty.state()) : IDLE;
			String orderId = (duty != null) ? duty.orderId() : null;
			if (slot.state != state || !Objects.equals(slot.orderId, orderId)) {
				slot.state = state;
				slot.orderId = orderId;
				slot.version = this.version.incrementAndGet();
			}
		}
	}

	/**
	 * Removes from every map the riders whose newest fix here is older than a time, when
	 * the feed starts reading again after a gap: it re-reads from that time, so a rider
	 * still sending comes back with its next fix, and one that fell silent meanwhile is
	 * not shown where it was.
	 * @param since epoch milliseconds the feed reads from
	 */
	void forgetSilentSince(long since) {
		Slot[] all = this.slots;
		int n = this.size;
		for (int i = 0; i < n; i++) {
			Slot slot = all[i];
			if (!slot.removed && slot.recordedAt < since) {
				slot.removed = true;
				slot.version = this.version.incrementAndGet();
			}
		}
	}

	private Slot add(String riderId) {
		int index = this.size;
		Slot[] current = this.slots;
		if (index == current.length) {
			current = Arrays.copyOf(current, index * 2);
		}
		Slot slot = new Slot(index, riderId);
		slot.seq = Long.MIN_VALUE;
		Duty duty = this.duties.get(riderId);
		if (duty != null) {
			slot.state = stateCode(duty.state());
			slot.orderId = duty.orderId();
		}
		current[index] = slot;
		this.slots = current;
		this.byId.put(riderId, slot);
		this.size = index + 1;
		return slot;
	}

	/** Riders silent past the timeout leave every map. */
	@Scheduled(fixedDelay = 1000)
	void expire() {
		long cutoff = this.clock.millis() - this.properties.silenceTimeout().toMillis();
		Slot[] all = this.slots;
		int n = this.size;
		for (int i = 0; i < n; i++) {
			Slot slot = all[i];
			if (!slot.removed && slot.recordedAt < cutoff) {
				slot.removed = true;
				slot.version = this.version.incrementAndGet();
			}
		}
	}

	Slot[] slots() {
		return this.slots;
	}

	int size() {
		return this.size;
	}

	long version() {
		return this.version.get();
	}

	Slot slot(String riderId) {
		return this.byId.get(riderId);
	}

	/**
	 * Fixes this view has read since it started.
	 * @return the count
	 */
	public long fixesRead() {
		return this.fixes.sum();
	}

	/**
	 * Riders on the map now.
	 * @return riders seen within the silence timeout
	 */
	public int activeRiders() {
		Slot[] all = this.slots;
		int n = this.size;
		int active = 0;
		for (int i = 0; i < n; i++) {
			if (!all[i].removed) {
				active++;
			}
		}
		return active;
	}

	static byte stateCode(String state) {
		return switch (state) {
			case "to-restaurant" -> TO_RESTAURANT;
			case "to-customer" -> TO_CUSTOMER;
			default -> IDLE;
		};
	}

	static String stateName(byte state) {
		return switch (state) {
			case TO_RESTAURANT -> "to-restaurant";
			case TO_CUSTOMER -> "to-customer";
			default -> "idle";
		};
	}

	/**
	 * One rider. Fields are written by the feed thread and read by senders; a reader may
	 * see a position a fix old, which the next frame corrects.
	 */
	static final class Slot {

		final int index;

		final String riderId;

		final byte[] idBytes;

		volatile long seq;

		volatile int lat;

		volatile int lon;

		volatile float speed;

		volatile float heading;

		volatile long recordedAt;

		/** When the live feed read the fix (epoch ms), for the latency breakdown. */
		volatile long consumedAt;

		volatile double mx;

		volatile double my;

		volatile byte state;

		volatile String orderId;

		volatile boolean removed;

		volatile long version;

		Slot(int index, String riderId) {
			this.index = index;
			this.riderId = riderId;
			this.idBytes = riderId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}

	}

}
