package dev.ridertrack.tracking.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.Place;
import dev.ridertrack.tracking.TrackingProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

/**
 * Orders in Redis: a hash per order ({@code order:{id}}, expiring {@code order-ttl} after
 * its last event), an index of active orders for the dashboard's customer links, and each
 * rider's duty.
 */
@Component
public class OrderStore {

	static final String ACTIVE = "orders:active";

	private final StringRedisTemplate redis;

	private final TrackingProperties properties;

	private final DefaultRedisScript<String> eventScript;

	public OrderStore(StringRedisTemplate redis, TrackingProperties properties) {
		this.redis = redis;
		this.properties = properties;
		this.eventScript = new DefaultRedisScript<>(RiderStore.script("scripts/order-event.lua"), String.class);
	}

	/**
	 * Applies an order event; the status never moves backwards.
	 * @param event the event
	 */
	public void apply(OrderEvent event) {
		this.redis.execute(this.eventScript, List.of("order:" + event.orderId(), ACTIVE, RiderStore.DUTY),
				event.orderId(), (event.riderId() != null) ? event.riderId() : "", event.status().name(),
				Integer.toString(event.status().ordinal()), Long.toString(event.at().toEpochMilli()),
				Long.toString(this.properties.orderTtl().toSeconds()), place(event.restaurant()),
				place(event.customer()));
	}

	/**
	 * Stores an order's newest ETA, if the order is known.
	 * @param eta the estimate
	 */
	public void apply(EtaUpdate eta) {
		String key = "order:" + eta.orderId();
		Object previous = this.redis.opsForHash().get(key, "etaComputedAt");
		if (previous != null && Long.parseLong(previous.toString()) > eta.computedAt().toEpochMilli()) {
			return;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("etaSeconds", Long.toString(eta.etaSeconds()));
		fields.put("etaRemainingMeters", Long.toString(Math.round(eta.remainingMeters())));
		fields.put("etaComputedAt", Long.toString(eta.computedAt().toEpochMilli()));
		this.redis.opsForHash().putAll(key, fields);
		this.redis.expire(key, this.properties.orderTtl());
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

	private static String place(Place place) {
		if (place == null) {
			return "";
		}
		return place.id() + "|" + place.name() + "|" + place.lat() + "|" + place.lon();
	}

}
