package dev.ridertrack.producer.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker behind it, the API says so quickly with {@code 503} and
 * {@code Retry-After}, and never claims to have accepted anything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.security.token-secret=" + Fixes.SECRET, "spring.kafka.admin.auto-create=false" })
class KafkaDownIntegrationTests {

	private static final String RIDER = "rider-000042";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void nobodyListening(DynamicPropertyRegistry registry) {
		int closed = Infrastructure.freePort();
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closed);
	}

	@Test
	void answersOneFixWith503AndRetryAfterWithinSeconds() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = post("/api/v1/locations", Fixes.json(Fixes.valid(RIDER, 1)));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("resend the whole request");
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		assertThat(this.meters.get("ridertrack.ingest.accepted").counter().count()).isZero();
	}

	@Test
	void answersABigBatchAsFastAsOneFix() throws Exception {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int seq = 0; seq < 200; seq++) {
			batch.add(Fixes.valid(RIDER, seq));
		}
		long start = System.nanoTime();
		HttpResponse<String> response = post("/api/v1/locations/batch", Fixes.batch(batch));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		assertThat(this.meters.get("ridertrack.ingest.accepted").counter().count()).isZero();
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + new HmacTokens(Fixes.SECRET, "rider").mint(RIDER))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
