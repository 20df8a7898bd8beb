package dev.ridertrack.tracking;

import java.util.Map;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class TrackingServiceApplicationIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	LettuceConnectionFactory redis;

	@Test
	@SuppressWarnings("unchecked")
	void reportsHealthyWithEveryConnectionItNeeds() {
		// health's details are for operators (docs/security.md)
		ResponseEntity<Map> health = this.http.exchange(
				RequestEntity.get("/actuator/health").header("Authorization", "Bearer test-operator").build(),
				Map.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).containsEntry("status", "UP");
		assertThat((Map<String, Object>) health.getBody().get("components")).containsKey("kafka").containsKey("redis");
	}

	@Test
	void doesNotObserveEachRedisCommand() {
		// the Redis writer sends thousands of commands a second; a Micrometer observation
		// per command was a fifth of the service's CPU (issue 14)
		assertThat(this.redis.getClientResources().tracing().isEnabled()).isFalse();
	}

}
