package dev.ridertrack.producer.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rider tokens over real HTTP against a real broker, in the middle of a secret rotation:
 * the new secret is current, the old one still accepted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.security.token-secret=" + RiderTokenIntegrationTests.NEW_SECRET,
				"ridertrack.security.previous-secret=" + RiderTokenIntegrationTests.OLD_SECRET })
@WithInfrastructure
class RiderTokenIntegrationTests {

	static final String NEW_SECRET = "the-new-token-secret-0123456789";

	static final String OLD_SECRET = "the-old-token-secret-0123456789";

	private static final HmacTokens NEW = new HmacTokens(NEW_SECRET, "rider");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void refusesAnExpiredTokenWith401SayingItExpired() throws Exception {
		String rider = "rider-expired-" + ProcessHandle.current().pid();
		String expired = NEW.mint(rider, Instant.now().minusSeconds(60));
		HttpResponse<String> response = post(rider, expired);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("expired").contains("get a new token");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("Bearer").contains("error=\"invalid_token\""));
		assertThat(post(rider, NEW.mint(rider)).statusCode()).as("a fresh token for the same rider").isEqualTo(202);
	}

	@Test
	void refusesATokenThatExpiresWhileTheRiderIsSending() throws Exception {
		String rider = "rider-expiring-" + ProcessHandle.current().pid();
		Instant expiry = Instant.now().plusSeconds(2);
		String token = NEW.mint(rider, expiry);
		assertThat(post(rider, token).statusCode()).isEqualTo(202);
		// the check remembers the token it verified last: it must still see the time run
		// out
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(post(rider, token).statusCode()).isEqualTo(401));
	}

	@Test
	void acceptsATokenMintedUnderThePreviousSecretDuringARotation() throws Exception {
		String rider = "rider-rotated-" + ProcessHandle.current().pid();
		HmacTokens old = new HmacTokens(OLD_SECRET, null, "rider", Duration.ofHours(1), Clock.systemUTC());
		assertThat(post(rider, old.mint(rider)).statusCode()).isEqualTo(202);
		assertThat(post(rider, NEW.mint(rider)).statusCode()).isEqualTo(202);
	}

	@Test
	void refusesATokenUnderASecretItDoesNotKnow() throws Exception {
		String rider = "rider-stranger-" + ProcessHandle.current().pid();
		HmacTokens other = new HmacTokens("some-other-secret-0123456789", "rider");
		HttpResponse<String> response = post(rider, other.mint(rider));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("expired");
	}

	@Test
	void healthIsPublicWithoutDetailsAndMetricsAreNotServed() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("kafka");
		assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/metrics").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> post(String rider, String token) throws Exception {
		String fix = """
				{"riderId":"%s","seq":%d,"lat":52.52,"lon":13.40,"speedMps":5.0,"headingDeg":90.0,
				"accuracyM":4.0,"recordedAt":"%s"}""".formatted(rider, System.nanoTime(),
				Instant.now().minusSeconds(1));
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/locations"))
			.POST(HttpRequest.BodyPublishers.ofString(fix))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
