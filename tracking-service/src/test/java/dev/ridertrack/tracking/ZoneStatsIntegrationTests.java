package dev.ridertrack.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Analytics' zone-stats windows reach the dashboard's zone layer and charts: the newest
 * window of each zone with its cell's bounds, a re-published window replacing the earlier
 * one rather than counting twice, and the city series summed over zones.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class ZoneStatsIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Test
	@SuppressWarnings("unchecked")
	void servesEachZonesNewestWindowWithItsBoundsAndTheCitySeries() {
		// analytics' windows start on round 10 s: one starting at :x7 is this test's
		// alone
		Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(7);
		// zones no other test writes to: the newest window of a shared zone (say,
		// analytics' tests on the same broker) could be another test's
		String reykjavik = Zones.zoneId(64.1466, -21.9426);
		String ushuaia = Zones.zoneId(-54.8019, -68.3030);
		try (Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers())) {
			fixes.send("zone-stats", reykjavik, stats(reykjavik, start, 3, 30, 1, 1500));
			// analytics re-publishes a window as it grows: the later version replaces it
			fixes.send("zone-stats", reykjavik, stats(reykjavik, start, 4, 40, 2, 1200));
			fixes.send("zone-stats", ushuaia, stats(ushuaia, start, 2, 20, 0, 0));
			fixes.flush();
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, Object> body = operatorGet("/api/v1/zones/live").getBody();
			List<Map<String, Object>> zones = (List<Map<String, Object>>) body.get("zones");
			Map<String, Object> zone = zones.stream()
				.filter((z) -> reykjavik.equals(z.get("zoneId")))
				.findFirst()
				// an AssertionError, so that Awaitility asks again
				.orElseThrow(() -> new AssertionError("no window of " + reykjavik + " yet"));
			assertThat(zone).containsEntry("activeRiders", 4).containsEntry("fixes", 40);
			double[] cell = Zones.bounds(reykjavik);
			assertThat((List<Double>) zone.get("bounds")).containsExactly(cell[0], cell[1], cell[2], cell[3]);
			assertThat(zones).extracting((z) -> z.get("zoneId")).contains(ushuaia);
			List<Map<String, Object>> series = (List<Map<String, Object>>) body.get("series");
			Map<String, Object> window = series.stream()
				.filter((p) -> start.toString().equals(p.get("windowStart")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no city window at " + start + " yet"));
			// per window only: other tests' windows may share the trailing minute
			assertThat(window).containsEntry("fixesPerSecond", 6.0).containsEntry("activeRiders", 6);
		});
	}

	@Test
	void zoneStatisticsAreForOperatorsOnly() {
		assertThat(this.http.getForEntity("/api/v1/zones/live", Map.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static ZoneStats stats(String zone, Instant start, long riders, long fixes, long deliveries,
			double avgDeliverySeconds) {
		return new ZoneStats(zone, start, start.plusSeconds(10), riders, fixes, 5.0, deliveries, avgDeliverySeconds);
	}

	private ResponseEntity<Map> operatorGet(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), Map.class);
	}

}
