package dev.ridertrack.testsupport;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one health assertion of the application tests: {@code /actuator/health} answers 200
 * UP, and so does each named connection, within a minute (a Kafka Streams app is UP only
 * once its first rebalance is over).
 */
public final class HealthAssert {

	private HealthAssert() {
	}

	/**
	 * Waits until the application and each component are UP.
	 * @param http the test's client of the application
	 * @param components the health components that must be there and UP ({@code kafka},
	 * {@code redis}, {@code mongo}, {@code kafkaStreams})
	 */
	public static void assertHealthy(TestRestTemplate http, String... components) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			ResponseEntity<Health> health = http.getForEntity("/actuator/health", Health.class);
			assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(health.getBody().status()).isEqualTo("UP");
			for (String component : components) {
				assertThat(health.getBody().components()).as("health components").containsKey(component);
				assertThat(health.getBody().components().get(component).status()).as(component).isEqualTo("UP");
			}
		});
	}

	/**
	 * What {@code /actuator/health} answers.
	 *
	 * @param status UP, DOWN, ...
	 * @param components each connection's own health
	 */
	public record Health(String status, Map<String, Health> components) {

	}

}
