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
import org.springframework.data.redis.connection.RedisGeoCommands.GeoLocation;
import org.springframework.data.redis.connection.RedisGeoCommands.GeoSearchCommandArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.domain.geo.GeoReference;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;

/**
 * Riders' newest fixes in Redis: a hash per rider ({@code rider:{id}}), one GEO set
 * ({@code riders:geo}), a last-seen sorted set for the sweeper and a capped trail list
 * per rider. Writes go through a Lua script so that a fix older (by seq) than the stored
 * one never wins, whichever instance writes it; one script call carries up to
 * {@value #FIXES_PER_CALL} riders, so Redis runs a script per chunk of a poll, not per
 * fix.
 */
@Component
public class RiderStore {

	static final String GEO = "riders:geo";

	static final String LAST_SEEN = "riders:lastseen";

	static final String DUTY = "riders:duty";

	/**
	 * Riders per script call: Redis runs a call without interruption, so a poll of
	 * thousands of riders goes as a pipeline of calls of a few milliseconds each.
	 */
	static final int FIXES_PER_CALL = 256;

	/** Riders a sweep call examines at most. */
	private static final int SWEEP_BATCH = 1000;

	private static final byte[] GEO_KEY = bytes(GEO);

	private static final byte[] LAST_SEEN_KEY = bytes(LAST_SEEN);

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] GEO_DUE = bytes("1");

	private static final Logger log = LoggerFactory.getLogger(RiderStore.class);

	private final StringRedisTemplate redis;

	private final TrackingProperties properties;

	private final Clock clock;

	private final PipelinedScript writeScript = new PipelinedScript("scripts/write-fixes.lua", ReturnType.INTEGER);

	@SuppressWarnings("rawtypes")
	private final DefaultRedisScript<List> sweepScript;

	private final GeoRefresh geoRefresh = new GeoRefresh();

	private final LongAdder written = new LongAdder();

	private final LongAdder skippedOlder = new LongAdder();

	public RiderStore(StringRedisTemplate redis, TrackingProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.sweepScript = new DefaultRedisScript<>(script("scripts/sweep.lua"), List.class);
	}

	/**
	 * Writes riders' fixes in one pipeline of script calls. The caller has already kept
	 * only each rider's newest fix of the batch.
	 * @param fixes at most one fix per rider
	 * @return how many fixes were newer than what Redis held
	 */
	public int write(Collection<RiderLocation> fixes) {
		if (fixes.isEmpty()) {
			return 0;
		}
		byte[] trailLength = bytes(Integer.toString(this.properties.trailLength()));
		byte[] seenEvery = bytes(Long.toString(seenEvery(this.properties.silenceTimeout()).toMillis()));
		byte[] trailEvery = bytes(Long.toString(this.properties.trailSpacing().toMillis()));
		List<RiderLocation> all = new ArrayList<>(fixes);
		List<PipelinedScript.Call> calls = new ArrayList<>();
		for (int from = 0; from < all.size(); from += FIXES_PER_CALL) {
			List<RiderLocation> chunk = all.subList(from, Math.min(all.size(), from + FIXES_PER_CALL));
			calls.add(new PipelinedScript.Call(2 + 2 * chunk.size(),
					keysAndArgs(chunk, trailLength, seenEvery, trailEvery)));
		}
		int newer = 0;
		for (Object result : this.writeScript.run(this.redis, calls)) {
			if (result instanceof Long value) {
				newer += value.intValue();
			}
		}
		this.written.add(newer);
		this.skippedOlder.add(fixes.size() - newer);
		return newer;
	}

	/**
	 * One script call's keys and arguments, laid out as {@code write-fixes.lua} reads
	 * them: the GEO and last-seen keys, each rider's hash and trail keys, the trail
	 * length, how old a last-seen score may get and the trail's spacing, then six values
	 * per fix: the rider, seq, time, {@code lat,lon},
	 * {@code speed,heading,accuracy,order} (the {@link RiderView#of hash's} {@code pos}
	 * and {@code motion}), and whether to move the rider in the GEO set
	 * ({@link GeoRefresh}).
	 */
	private byte[][] keysAndArgs(List<RiderLocation> fixes, byte[] trailLength, byte[] seenEvery, byte[] trailEvery) {
		int riders = fixes.size();
		byte[][] call = new byte[5 + 8 * riders][];
		call[0] = GEO_KEY;
		call[1] = LAST_SEEN_KEY;
		int args = 2 + 2 * riders;
		call[args] = trailLength;
		call[args + 1] = seenEvery;
		call[args + 2] = trailEvery;
		ArgumentText text = new ArgumentText();
		for (int i = 0; i < riders; i++) {
			RiderLocation fix = fixes.get(i);
			GeoRefresh.Rider rider = this.geoRefresh.rider(fix.riderId());
			call[2 + 2 * i] = rider.hashKey;
			call[3 + 2 * i] = rider.trailKey;
			int at = args + 3 + 6 * i;
			long recordedAt = fix.recordedAt().toEpochMilli();
			call[at] = rider.id;
			call[at + 1] = text.clear().append(fix.seq()).toBytes();
			call[at + 2] = text.clear().append(recordedAt).toBytes();
			call[at + 3] = text.clear().append(fix.lat()).append(',').append(fix.lon()).toBytes();
			text.clear().append(fix.speedMps()).append(',').append(fix.headingDeg()).append(',');
			text.append(fix.accuracyM()).append(',');
			call[at + 4] = text.append((fix.orderId() != null) ? fix.orderId() : "").toBytes();
			boolean geo = this.geoRefresh.due(rider, fix.lat(), fix.lon(), recordedAt);
			call[at + 5] = geo ? GEO_DUE : EMPTY;
		}
		return call;
	}

	/**
	 * How old a rider's last-seen score may get before a fix refreshes it: a quarter of
	 * the silence timeout. The sweeper checks the rider's hash before removing anyone, so
	 * a stale score costs a check, never a rider.
	 * @param silenceTimeout the silence timeout
	 * @return the refresh interval
	 */
	static Duration seenEvery(Duration silenceTimeout) {
		return silenceTimeout.dividedBy(4);
	}

	/**
	 * Removes every rider silent for longer than the silence timeout.
	 * @return how many riders were removed
	 */
	public long sweep() {
		long cutoff = this.clock.millis() - this.properties.silenceTimeout().toMillis();
		long removed = 0;
		long examined;
		do {
			List<?> counts = this.redis.execute(this.sweepScript, List.of(LAST_SEEN, GEO), Long.toString(cutoff),
					Integer.toString(SWEEP_BATCH));
			boolean answered = counts != null && counts.size() == 2;
			examined = answered ? ((Number) counts.get(0)).longValue() : 0;
			removed += answered ? ((Number) counts.get(1)).longValue() : 0;
		}
		while (examined == SWEEP_BATCH);
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
		if (!raw.containsKey(RiderView.POSITION)) {
			// unknown, or written before the hash held "pos" (a Redis kept from an older
			// version): its next fix writes it
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
	 * A rider's recent positions, oldest first, within the trail window and the trail
	 * length (the write script trims a trail only once it holds a tenth more).
	 * @param riderId the rider
	 * @return the positions, one every trail spacing at most
	 */
	public List<TrailPoint> trail(String riderId) {
		List<String> raw = this.redis.opsForList().range("trail:" + riderId, -this.properties.trailLength(), -1);
		long since = this.clock.millis() - this.properties.trailWindow().toMillis();
		List<TrailPoint> points = new ArrayList<>();
		if (raw != null) {
			for (String entry : raw) {
				String[] parts = entry.split(",");
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
