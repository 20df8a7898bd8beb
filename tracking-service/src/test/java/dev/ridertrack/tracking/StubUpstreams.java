package dev.ridertrack.tracking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.sun.net.httpserver.HttpServer;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Geo;
import dev.ridertrack.events.Place;

/**
 * Stands in for db-writer's history API in browser tests: plausible recorded tracks along
 * a street grid, with stops, for any rider (the last hour) and for the orders of a
 * {@link CitySimulation} (to the restaurant, a wait, on to the customer).
 */
final class StubUpstreams implements AutoCloseable {

	private static final double BLOCK = 0.0016;

	private static final int STEP_SECONDS = 2;

	/**
	 * The fixes per second of the window still filling, which the city panel must not
	 * show.
	 */
	static final double PARTIAL_FIXES_PER_SECOND = 0.5;

	private final HttpServer server;

	private final CitySimulation city;

	private final int orders;

	StubUpstreams(int port, CitySimulation city, int orders) throws IOException {
		this.city = city;
		this.orders = orders;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/api/v1/history/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String id = path.substring(path.lastIndexOf('/') + 1);
			Object body = path.contains("/orders/") ? order(id) : rider(id);
			byte[] bytes = EventJson.mapper().writeValueAsBytes(body);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders((body != null) ? 200 : 404, (body != null) ? bytes.length : -1);
			if (body != null) {
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		this.server.createContext("/api/v1/city", (exchange) -> {
			byte[] bytes = EventJson.mapper().writeValueAsBytes(city());
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Five minutes of complete windows, then one still filling whose figures are tiny, as
	 * analytics answers a few seconds into a window: the panel must not show them.
	 */
	private Map<String, Object> city() {
		int riders = this.city.positions().length;
		Instant now = Instant.now();
		Instant filling = now.minusMillis(now.toEpochMilli() % 10_000);
		List<Map<String, Object>> fixes = new ArrayList<>();
		for (int w = 30; w >= 0; w--) {
			Instant start = filling.minusSeconds(10L * w);
			boolean complete = w >= 2;
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("windowStart", start);
			window.put("windowEnd", start.plusSeconds(10));
			window.put("fixesPerSecond", complete ? riders * 1.0 : PARTIAL_FIXES_PER_SECOND);
			window.put("activeRiders", complete ? Math.round(riders * (0.9 + 0.1 * Math.sin(w / 3.0))) : 1);
			window.put("complete", complete);
			fixes.add(window);
		}
		Instant minute = now.minusMillis(now.toEpochMilli() % 60_000);
		List<Map<String, Object>> deliveries = new ArrayList<>();
		for (int m = 5; m >= 0; m--) {
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("windowStart", minute.minusSeconds(60L * m));
			window.put("windowEnd", minute.minusSeconds(60L * m - 60));
			window.put("deliveries", (m == 0) ? 1 : 12);
			window.put("avgDeliverySeconds", 1500.0);
			window.put("complete", m > 0);
			deliveries.add(window);
		}
		return Map.of("fixes", fixes, "deliveries", deliveries, "streamTime", filling, "behindSeconds", 0);
	}

	private Map<String, Object> rider(String riderId) {
		Random random = new Random(riderId.hashCode());
		Instant end = Instant.now();
		Track track = new Track(random, end.minusSeconds(2400),
				CitySimulation.CENTER_LAT + random.nextGaussian() * 0.01,
				CitySimulation.CENTER_LON + random.nextGaussian() * 0.015);
		while (track.t.isBefore(end.minusSeconds(60))) {
			track.rideTo(track.lat + (random.nextDouble() - 0.5) * 0.03, track.lon + (random.nextDouble() - 0.5) * 0.05,
					4 + random.nextDouble() * 3);
			track.stay(60 + random.nextInt(180));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("riderId", riderId);
		answer.put("from", end.minusSeconds(3600));
		answer.put("to", end);
		answer.put("stats", track.stats());
		answer.put("truncated", false);
		answer.put("points", track.points);
		return answer;
	}

	private Map<String, Object> order(String orderId) {
		for (int i = 0; i < this.orders; i++) {
			if (!orderId.equals(this.city.order(i))) {
				continue;
			}
			Place restaurant = this.city.restaurant(i);
			Place home = this.city.home(i);
			Random random = new Random(orderId.hashCode());
			Instant assigned = Instant.now().minusSeconds(1500);
			Track track = new Track(random, assigned, restaurant.lat() + 0.009, restaurant.lon() - 0.011);
			track.rideTo(restaurant.lat(), restaurant.lon(), 5.5);
			track.stay(150);
			Instant pickedUp = track.t;
			track.rideTo(home.lat(), home.lon(), 6);
			track.stay(20);
			Instant delivered = track.t;
			Map<String, Object> timestamps = new LinkedHashMap<>();
			timestamps.put("CREATED", assigned.minusSeconds(40));
			timestamps.put("ASSIGNED", assigned);
			timestamps.put("PICKED_UP", pickedUp);
			timestamps.put("DELIVERED", delivered);
			Map<String, Object> order = new LinkedHashMap<>();
			order.put("orderId", orderId);
			order.put("status", "DELIVERED");
			order.put("riderId", this.city.riderId(i));
			order.put("restaurant", restaurant);
			order.put("customer", home);
			order.put("timestamps", timestamps);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("orderId", orderId);
			answer.put("order", order);
			answer.put("stats", track.stats());
			answer.put("truncated", false);
			answer.put("points", track.points);
			return answer;
		}
		return null;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A rider going round street corners: north-south, then east-west, block by block.
	 */
	private static final class Track {

		final List<Map<String, Object>> points = new ArrayList<>();

		final Random random;

		Instant t;

		double lat;

		double lon;

		long seq;

		int stops;

		Track(Random random, Instant start, double lat, double lon) {
			this.random = random;
			this.t = start;
			this.lat = lat;
			this.lon = lon;
			add(0);
		}

		void rideTo(double toLat, double toLon, double speed) {
			while (Math.abs(toLat - this.lat) > 1e-5 || Math.abs(toLon - this.lon) > 1e-5) {
				boolean northSouth = this.random.nextBoolean();
				double blocks = 1 + this.random.nextInt(3);
				double targetLat = northSouth
						? this.lat
								+ Math.signum(toLat - this.lat) * Math.min(Math.abs(toLat - this.lat), blocks * BLOCK)
						: this.lat;
				double targetLon = northSouth ? this.lon : this.lon
						+ Math.signum(toLon - this.lon) * Math.min(Math.abs(toLon - this.lon), blocks * BLOCK * 1.6);
				if (targetLat == this.lat && targetLon == this.lon) {
					continue;
				}
				straight(targetLat, targetLon, speed);
				if (this.random.nextInt(6) == 0) {
					// a red light
					stay(30 + this.random.nextInt(20));
				}
			}
		}

		void straight(double toLat, double toLon, double speed) {
			double meters = Geo.distanceMeters(this.lat, this.lon, toLat, toLon);
			int steps = Math.max(1, (int) Math.round(meters / (speed * STEP_SECONDS)));
			double fromLat = this.lat;
			double fromLon = this.lon;
			for (int s = 1; s <= steps; s++) {
				this.lat = fromLat + (toLat - fromLat) * s / steps;
				this.lon = fromLon + (toLon - fromLon) * s / steps;
				this.t = this.t.plusSeconds(STEP_SECONDS);
				add(speed * (0.85 + this.random.nextDouble() * 0.3));
			}
		}

		void stay(int seconds) {
			this.stops++;
			for (int s = 0; s < seconds; s += STEP_SECONDS) {
				this.t = this.t.plusSeconds(STEP_SECONDS);
				add(0);
			}
		}

		private void add(double speed) {
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("seq", this.seq++);
			point.put("t", this.t);
			// GPS jitter of a couple of metres
			point.put("lat", this.lat + this.random.nextGaussian() * 0.000015);
			point.put("lon", this.lon + this.random.nextGaussian() * 0.00002);
			point.put("speedMps", speed);
			this.points.add(point);
		}

		Map<String, Object> stats() {
			double distance = 0;
			long moving = 0;
			for (int i = 1; i < this.points.size(); i++) {
				Map<String, Object> a = this.points.get(i - 1);
				Map<String, Object> b = this.points.get(i);
				distance += Geo.distanceMeters((double) a.get("lat"), (double) a.get("lon"), (double) b.get("lat"),
						(double) b.get("lon"));
				if ((double) b.get("speedMps") > 0.5) {
					moving += STEP_SECONDS;
				}
			}
			Map<String, Object> stats = new LinkedHashMap<>();
			stats.put("points", this.points.size());
			stats.put("distanceMeters", distance);
			stats.put("durationSeconds", (long) (this.points.size() - 1) * STEP_SECONDS);
			stats.put("movingSeconds", moving);
			stats.put("stops", this.stops);
			stats.put("avgMovingSpeedMps", (moving > 0) ? distance / moving : 0);
			return stats;
		}

	}

}
