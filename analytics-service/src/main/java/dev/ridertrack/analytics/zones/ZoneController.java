package dev.ridertrack.analytics.zones;

import java.time.Instant;
import java.util.List;

import dev.ridertrack.events.ZoneStats;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Zone and city statistics, read from the Kafka Streams window stores of every instance.
 */
@RestController
@RequestMapping("/api/v1")
class ZoneController {

	private final CityWideQueries queries;

	ZoneController(CityWideQueries queries) {
		this.queries = queries;
	}

	/**
	 * Each zone's latest complete live window.
	 * @param scope {@code city} (all instances, the default) or {@code instance} (only
	 * the zones this instance holds: how instances ask each other)
	 * @return the zones, by id
	 */
	@GetMapping("/zones")
	List<ZoneStats> zones(@RequestParam(defaultValue = "city") String scope) {
		return this.queries.current(Instant.now(), instanceOnly(scope));
	}

	@GetMapping("/zones/busiest")
	List<ZoneStats> busiest(@RequestParam(defaultValue = "10") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
		}
		return this.queries.busiest(Instant.now(), limit);
	}

	@GetMapping("/zones/{zoneId}/history")
	List<ZoneStats> history(@PathVariable String zoneId, @RequestParam(defaultValue = "10s") String window,
			@RequestParam(defaultValue = "city") String scope) {
		if (!window.equals("10s") && !window.equals("1m")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "window must be 10s or 1m");
		}
		return this.queries.history(zoneId, window, Instant.now(), instanceOnly(scope));
	}

	@GetMapping("/city")
	CityStats city(@RequestParam(defaultValue = "city") String scope) {
		return this.queries.city(Instant.now(), instanceOnly(scope));
	}

	private static boolean instanceOnly(String scope) {
		return switch (scope) {
			case "city" -> false;
			case "instance" -> true;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scope must be city or instance");
		};
	}

}
