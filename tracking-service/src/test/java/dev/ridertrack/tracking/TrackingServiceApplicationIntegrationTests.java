package dev.ridertrack.tracking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.testsupport.WithInfrastructure;
import io.netty.util.Timer;
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

	@Test
	void timesRedisCommandsOutWithATimerThatTicksOnceASecond() throws Exception {
		// Lettuce's own timer ticks every 100 ms, waking an idle service ten times a
		// second (issue 14). Ten timeouts 100 ms apart fire in ten ticks of such a timer,
		// in one or two of a timer that ticks once a second: at most four 50 ms slots.
		Timer timer = this.redis.getClientResources().timer();
		List<CompletableFuture<Long>> fired = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			CompletableFuture<Long> firing = new CompletableFuture<>();
			timer.newTimeout((timeout) -> firing.complete(System.nanoTime()), 1 + 100 * i, TimeUnit.MILLISECONDS);
			fired.add(firing);
		}
		Set<Long> ticks = new HashSet<>();
		for (CompletableFuture<Long> firing : fired) {
			ticks.add(TimeUnit.NANOSECONDS.toMillis(firing.get(5, TimeUnit.SECONDS)) / 50);
		}
		assertThat(ticks).hasSizeLessThanOrEqualTo(4);
	}

}
