package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.tracking.TrackingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.geo.Distance;
import org.springframework.data.geo.GeoResult;
import org.springframework.data.geo.Metrics;
import org.springframework.data.geo.Point;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisGeoCommands.GeoLocation;
import org.springframework.data.redis.connection.RedisGeoCommands.GeoSearchCommandArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.domain.geo.GeoReference;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;

/**
 * Riders' newest fixes in Redis: a hash per rider ({@code rider:{id}}), one GEO set
 * ({@code riders:geo}), a last-seen sorted set for the sweeper and a capped trail list
 * per rider. Writes go through a Lua script so that a fix older (by seq) than the stored
 * one never wins, whichever instance writes it.
 */
@Component
public class RiderStore {

	static final String GEO = "riders:geo";

	static final String LAST_SEEN = "riders:lastseen";

	static final String DUTY = "riders:duty";

	private static final Logger log = LoggerFactory.getLogger(RiderStore.class);

	private final StringRedisTemplate redis;

	private final TrackingProperties properties;

	private final Clock clock;

	private final byte[] writeScript;

	private final DefaultRedisScript<Long> sweepScript;

	private volatile String writeSha;

	private final LongAdder written = new LongAdder();

	private final LongAdder skippedOlder = new LongAdder();

	public RiderStore(StringRedisTemplate redis, TrackingProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.writeScript = script("scripts/write-fix.lua").getBytes(StandardCharsets.UTF_8);
		this.sweepScript = new DefaultRedisScript<>(script("scripts/sweep.lua"), Long.class);
	}

	/**
	 * Writes riders' fixes in one pipeline. The caller has already kept only each rider's
	 * newest fix of the batch.
	 * @param fixes at most one fix per rider
	 * @return how many fixes were newer than what Redis held
	 */
	public int write(Collection<RiderLocation> fixes) {
		if (fixes.isEmpty()) {
			return 0;
		}
		try {
			return writePipelined(fixes);
		}
		catch (RedisSystemException ex) {
			// Redis restarted and forgot the script: load it again and retry once
			if (String.valueOf(ex.getMessage()).contains("NOSCRIPT") || this.writeSha == null) {
				this.writeSha = null;
				return writePipelined(fixes);
			}
			throw ex;
		}
	}

	private int writePipelined(Collection<RiderLocation> fixes) {
		String sha = ensureLoaded();
		byte[] ttl = bytes(Long.toString(Math.max(1, this.properties.silenceTimeout().toSeconds())));
		byte[] trailLength = bytes(Integer.toString(this.properties.trailLength()));
		byte[] geo = bytes(GEO);
		byte[] lastSeen = bytes(LAST_SEEN);
		List<Object> results = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (RiderLocation fix : fixes) {
				connection.scriptingCommands()
					.evalSha(sha, ReturnType.INTEGER, 4, bytes("rider:" + fix.riderId()), geo, lastSeen,
							bytes("trail:" + fix.riderId()), bytes(fix.riderId()), bytes(Long.toString(fix.seq())),
							bytes(Double.toString(fix.lat())), bytes(Double.toString(fix.lon())),
							bytes(Double.toString(fix.speedMps())), bytes(Double.toString(fix.headingDeg())),
							bytes(Double.toString(fix.accuracyM())),
							bytes(Long.toString(fix.recordedAt().toEpochMilli())),
							bytes((fix.orderId() != null) ? fix.orderId() : ""), ttl, trailLength);
			}
			return null;
		});
		int newer = 0;
		for (Object result : results) {
			if (result instanceof Long value && value == 1L) {
				newer++;
			}
		}
		this.written.add(newer);
		this.skippedOlder.add(fixes.size() - newer);
		return newer;
	}

	private String ensureLoaded() {
		String sha = this.writeSha;
		if (sha == null) {
			sha = this.redis.execute((RedisCallback<String>) (connection) -> connection.scriptingCommands()
				.scriptLoad(this.writeScript));
			this.writeSha = sha;
		}
		return sha;
	}

	/**
	 * Removes every rider silent for longer than the silence timeout.
	 * @return how many riders were removed
	 */
	public long sweep() {
		long cutoff = this.clock.millis() - this.properties.silenceTimeout().toMillis();
		long removed = 0;
		long batch;
		do {
			Long count = this.redis.execute(this.sweepScript, List.of(LAST_SEEN, GEO), Long.toString(cutoff), "1000");
			batch = (count != null) ? count : 0;
			removed += batch;
		}
		while (batch == 1000);
		if (removed > 0) {
			log.debug("swept {} silent riders", removed);
		}
		return removed;
	}

	/**
	 * A rider's newest fix with its duty.
	 * @param riderId the rider
	 * @return the stored fields, empty when the rider is unknown or silent
	 */
	public Map<String, String> rider(String riderId) {
		Map<Object, Object> raw = this.redis.opsForHash().entries("rider:" + riderId);
		if (raw.isEmpty()) {
			return Map.of();
		}
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		raw.forEach((key, value) -> fields.put(key.toString(), value.toString()));
		Duty duty = duty(riderId);
		fields.put("state", duty.state());
		if (duty.orderId() != null) {
			fields.put("order", duty.orderId());
		}
		return fields;
	}

	/**
	 * What a rider is doing, from the order events.
	 * @param riderId the rider
	 * @return the duty, idle when no active order names the rider
	 */
	public Duty duty(String riderId) {
		Object raw = this.redis.opsForHash().get(DUTY, riderId);
		return Duty.parse((raw != null) ? raw.toString() : null);
	}

	/**
	 * Every rider's duty, for a live view that starts up.
	 * @return rider id to duty
	 */
	public Map<String, Duty> duties() {
		Map<String, Duty> duties = new java.util.HashMap<>();
		this.redis.opsForHash()
			.entries(DUTY)
			.forEach((key, value) -> duties.put(key.toString(), Duty.parse(value.toString())));
		return duties;
	}

	/**
	 * Riders within a radius, nearest first.
	 * @param lat centre latitude
	 * @param lon centre longitude
	 * @param radiusM radius in metres
	 * @param limit at most this many
	 * @return the riders found
	 */
	public List<Nearby> near(double lat, double lon, double radiusM, int limit) {
		var results = this.redis.opsForGeo()
			.search(GEO, GeoReference.fromCoordinate(lon, lat), new Distance(radiusM / 1000.0, Metrics.KILOMETERS),
					GeoSearchCommandArgs.newGeoSearchArgs()
						.includeCoordinates()
						.includeDistance()
						.sortAscending()
						.limit(limit));
		List<Nearby> riders = new ArrayList<>();
		if (results != null) {
			for (GeoResult<GeoLocation<String>> result : results) {
				Point point = result.getContent().getPoint();
				riders.add(new Nearby(result.getContent().getName(), point.getY(), point.getX(),
						result.getDistance().getValue() * 1000.0));
			}
		}
		return riders;
	}

	/**
	 * A rider's recent positions, oldest first, within the trail window.
	 * @param riderId the rider
	 * @return the positions
	 */
	public List<TrailPoint> trail(String riderId) {
		List<String> raw = this.redis.opsForList().range("trail:" + riderId, 0, -1);
		long since = this.clock.millis() - this.properties.trailWindow().toMillis();
		List<TrailPoint> points = new ArrayList<>();
		if (raw != null) {
			for (int i = raw.size() - 1; i >= 0; i--) {
				String[] parts = raw.get(i).split(",");
				long at = Long.parseLong(parts[0]);
				if (at >= since) {
					points.add(new TrailPoint(at, Double.parseDouble(parts[1]), Double.parseDouble(parts[2])));
				}
			}
		}
		return points;
	}

	long written() {
		return this.written.sum();
	}

	long skippedOlder() {
		return this.skippedOlder.sum();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	static String script(String path) {
		try (var in = new ClassPathResource(path).getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * A rider found near a point.
	 *
	 * @param riderId the rider
	 * @param lat latitude
	 * @param lon longitude
	 * @param distanceM metres from the point searched
	 */
	public record Nearby(String riderId, double lat, double lon, double distanceM) {
	}

	/**
	 * One point of a rider's trail.
	 *
	 * @param at when it was recorded, epoch milliseconds
	 * @param lat latitude
	 * @param lon longitude
	 */
	public record TrailPoint(long at, double lat, double lon) {
	}

	/**
	 * What a rider is doing.
	 *
	 * @param state {@code idle}, {@code to-restaurant} or {@code to-customer}
	 * @param orderId the order, or {@code null} when idle
	 */
	public record Duty(String state, String orderId) {

		public static final Duty IDLE = new Duty("idle", null);

		static Duty parse(String raw) {
			if (raw == null || raw.isEmpty()) {
				return IDLE;
			}
			int bar = raw.indexOf('|');
			return (bar < 0) ? new Duty(raw, null) : new Duty(raw.substring(0, bar), raw.substring(bar + 1));
		}

	}

}
