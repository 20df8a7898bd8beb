package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.Place;
import dev.ridertrack.tracking.TrackingProperties;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Orders in Redis: a hash per order ({@code order:{id}}, expiring {@code order-ttl} after
 * its last event), an index of active orders for the dashboard's customer links, and each
 * rider's duty. A poll's events, and its ETAs, go to Redis in one pipeline of script
 * calls.
 */
@Component
public class OrderStore {

	static final String ACTIVE = "orders:active";

	/** Orders per ETA script call, so that Redis runs none for long. */
	static final int ETAS_PER_CALL = 256;

	private static final byte[] ACTIVE_KEY = bytes(ACTIVE);

	private static final byte[] DUTY_KEY = bytes(RiderStore.DUTY);

	private final StringRedisTemplate redis;

	private final TrackingProperties properties;

	private final PipelinedScript eventScript = new PipelinedScript("scripts/order-event.lua", ReturnType.VALUE);

	private final PipelinedScript etaScript = new PipelinedScript("scripts/eta-updates.lua", ReturnType.INTEGER);

	public OrderStore(StringRedisTemplate redis, TrackingProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Applies order events in their order, in one pipeline; the status never moves
	 * backwards.
	 * @param events the events, as read from their partitions
	 */
	public void applyEvents(List<OrderEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		byte[] ttl = bytes(Long.toString(this.properties.orderTtl().toSeconds()));
		List<PipelinedScript.Call> calls = new ArrayList<>(events.size());
		for (OrderEvent event : events) {
			calls.add(new PipelinedScript.Call(3, bytes("order:" + event.orderId()), ACTIVE_KEY, DUTY_KEY,
					bytes(event.orderId()), bytes((event.riderId() != null) ? event.riderId() : ""),
					bytes(event.status().name()), bytes(Integer.toString(event.status().ordinal())),
					bytes(Long.toString(event.at().toEpochMilli())), ttl, bytes(place(event.restaurant())),
					bytes(place(event.customer()))));
		}
		this.eventScript.run(this.redis, calls);
	}

	/**
	 * Stores orders' newest ETAs, whether Redis knows the order yet or not: an estimate
	 * computed before the stored one never replaces it.
	 * @param etas at most one per order
	 */
	public void applyEtas(Collection<EtaUpdate> etas) {
		if (etas.isEmpty()) {
			return;
		}
		List<EtaUpdate> all = new ArrayList<>(etas);
		byte[] ttl = bytes(Long.toString(this.properties.orderTtl().toSeconds()));
		List<PipelinedScript.Call> calls = new ArrayList<>();
		for (int from = 0; from < all.size(); from += ETAS_PER_CALL) {
			List<EtaUpdate> chunk = all.subList(from, Math.min(all.size(), from + ETAS_PER_CALL));
			int orders = chunk.size();
			byte[][] keysAndArgs = new byte[orders + 1 + 3 * orders][];
			keysAndArgs[orders] = ttl;
			for (int i = 0; i < orders; i++) {
				EtaUpdate eta = chunk.get(i);
				keysAndArgs[i] = bytes("order:" + eta.orderId());
				int at = orders + 1 + 3 * i;
				keysAndArgs[at] = bytes(Long.toString(eta.etaSeconds()));
				keysAndArgs[at + 1] = bytes(Long.toString(Math.round(eta.remainingMeters())));
				keysAndArgs[at + 2] = bytes(Long.toString(eta.computedAt().toEpochMilli()));
			}
			calls.add(new PipelinedScript.Call(orders, keysAndArgs));
		}
		this.etaScript.run(this.redis, calls);
	}

	/**
	 * An order's stored state.
	 * @param orderId the order
	 * @return its fields, empty when unknown
	 */
	public Map<String, String> order(String orderId) {
		Map<String, String> fields = new LinkedHashMap<>();
		this.redis.opsForHash()
			.entries("order:" + orderId)
			.forEach((key, value) -> fields.put(key.toString(), value.toString()));
		return fields;
	}

	/**
	 * The newest active orders.
	 * @param limit at most this many
	 * @return their ids, newest first
	 */
	public List<String> active(int limit) {
		Set<String> ids = this.redis.opsForZSet().reverseRange(ACTIVE, 0, limit - 1L);
		return (ids != null) ? new ArrayList<>(ids) : List.of();
	}

	public long activeCount() {
		Long count = this.redis.opsForZSet().zCard(ACTIVE);
		return (count != null) ? count : 0;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String place(Place place) {
		if (place == null) {
			return "";
		}
		return place.id() + "|" + place.name() + "|" + place.lat() + "|" + place.lon();
	}

}
