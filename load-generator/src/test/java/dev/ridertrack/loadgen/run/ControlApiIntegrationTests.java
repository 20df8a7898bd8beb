package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.Map;

import dev.ridertrack.loadgen.LoadGeneratorProperties.ScenarioType;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control API drives a real run: start, change riders and scenario live, stop.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.loadgen.riders=300", "ridertrack.loadgen.interval=1s",
				"ridertrack.loadgen.mode=kafka", "ridertrack.loadgen.order-every=5s" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
class ControlApiIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void stop() {
		this.http.postForEntity("/api/v1/stop", null, String.class);
	}

	@Test
	void startsChangesRidersAndScenarioLiveAndStops() {
		assertThat(status().running()).isFalse();
		assertThat(this.http.postForEntity("/api/v1/start", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			EngineStatus s = status();
			assertThat(s.running()).isTrue();
			assertThat(s.activeRiders()).isEqualTo(300);
			assertThat(s.targetFixesPerSecond()).isEqualTo(300.0);
			assertThat(s.achievedFixesPerSecond()).isGreaterThan(200);
		});
		assertThat(this.http.postForEntity("/api/v1/start", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);

		this.http.put("/api/v1/riders", Map.of("riders", 100));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(status().activeRiders()).isEqualTo(100);
			assertThat(status().achievedFixesPerSecond()).isBetween(50.0, 150.0);
		});

		ResponseEntity<EngineStatus> spiked = this.http.postForEntity("/api/v1/scenario",
				Map.of("type", "spike", "spikeFactor", 3, "spikeAfter", "0s", "spikeFor", "10m"), EngineStatus.class);
		assertThat(spiked.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(spiked.getBody().scenario().type()).isEqualTo(ScenarioType.SPIKE);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			EngineStatus s = status();
			assertThat(s.rateFactor()).isEqualTo(3);
			assertThat(s.targetFixesPerSecond()).isEqualTo(300.0);
			assertThat(s.achievedFixesPerSecond()).isGreaterThan(200);
		});

		ResponseEntity<Summary> stopped = this.http.postForEntity("/api/v1/stop", null, Summary.class);
		assertThat(stopped.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(stopped.getBody().fixesSent()).isPositive();
		assertThat(stopped.getBody().fixesFailed()).isZero();
		assertThat(status().running()).isFalse();
		assertThat(this.http.postForEntity("/api/v1/stop", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void refusesRiderChangesWhenStoppedAndUnknownScenarios() {
		ResponseEntity<String> riders = this.http.exchange("/api/v1/riders", HttpMethod.PUT,
				new HttpEntity<>(Map.of("riders", 5)), String.class);
		assertThat(riders.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		ResponseEntity<String> scenario = this.http.postForEntity("/api/v1/scenario", Map.of("type", "rush"),
				String.class);
		assertThat(scenario.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(scenario.getBody()).contains("RUSH");
		assertThat(status().running()).isFalse();
	}

	@Test
	void exposesTheProgressFiguresAsMetrics() {
		this.http.postForEntity("/api/v1/start", null, String.class);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<?, ?> metric = this.http.getForObject("/actuator/metrics/loadgen.fixes.sent", Map.class);
			assertThat(metric).isNotNull();
			Map<?, ?> measurement = (Map<?, ?>) ((java.util.List<?>) metric.get("measurements")).get(0);
			assertThat(((Number) measurement.get("value")).doubleValue()).isPositive();
		});
	}

	private EngineStatus status() {
		return this.http.getForObject("/api/v1/status", EngineStatus.class);
	}

}
