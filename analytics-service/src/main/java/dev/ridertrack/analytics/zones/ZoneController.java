package dev.ridertrack.analytics.zones;

import java.time.Duration;
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
 * Zone and city statistics, read from the Kafka Streams window stores.
 */
@RestController
@RequestMapping("/api/v1")
class ZoneController {

	private final ZoneQueries queries;

	ZoneController(ZoneQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/zones")
	List<ZoneStats> zones() {
		return this.queries.current(Instant.now());
	}

	@GetMapping("/zones/busiest")
	List<ZoneStats> busiest(@RequestParam(defaultValue = "10") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
		}
		return this.queries.busiest(Instant.now(), limit);
	}

	@GetMapping("/zones/{zoneId}/history")
	List<ZoneStats> history(@PathVariable String zoneId, @RequestParam(defaultValue = "10s") String window) {
		return switch (window) {
			case "10s" -> this.queries.history(zoneId, false, Instant.now(), Duration.ofMinutes(10));
			case "1m" -> this.queries.history(zoneId, true, Instant.now(), Duration.ofHours(1));
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "window must be 10s or 1m");
		};
	}

	@GetMapping("/city")
	CityStats city() {
		return this.queries.city(Instant.now());
	}

}
