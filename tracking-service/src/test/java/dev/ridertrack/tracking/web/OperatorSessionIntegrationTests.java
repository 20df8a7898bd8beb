package dev.ridertrack.tracking.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operator sessions, the back-off on wrong tokens and order tokens, over real HTTP with
 * sessions in a real Redis. Sessions last 3 s here, so their end can be watched.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.security.session.timeout=3s", "ridertrack.security.session.free-attempts=2",
				"ridertrack.security.session.backoff=2s",
				"ridertrack.security.previous-secret=" + OperatorSessionIntegrationTests.OLD_SECRET })
@WithInfrastructure
@ActiveProfiles("test")
class OperatorSessionIntegrationTests {

	static final String OLD_SECRET = "the-old-test-secret-0123456789";

	private static final String SECRET = "test-token-secret-0123456789";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void signingInSetsAnHttpOnlyStrictCookieThatLastsTheSessionAndOpensTheDashboard() throws Exception {
		HttpResponse<String> login = login("test-operator", null);
		assertThat(login.statusCode()).isEqualTo(303);
		assertThat(login.headers().firstValue("Location")).hasValue("/");
		String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith("rt_operator=")
			.contains("HttpOnly")
			.contains("SameSite=Strict")
			.contains("Max-Age=3")
			.doesNotContain("Secure");
		assertThat(get("/", cookie(login)).statusCode()).isEqualTo(200);
	}

	@Test
	void theCookieIsSecureWhenAProxyTerminatedTls() throws Exception {
		assertThat(login("test-operator", "https").headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((setCookie) -> assertThat(setCookie).contains("Secure"));
	}

	@Test
	void aSessionEndsAfterTheConfiguredTimeout() throws Exception {
		String cookie = cookie(login("test-operator", null));
		assertThat(get("/", cookie).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(
					() -> assertThat(get("/", cookie).statusCode()).as("sent back to the login page").isEqualTo(303));
		assertThat(get("/api/v1/orders", cookie).statusCode()).isEqualTo(401);
	}

	@Test
	void signingOutEndsTheSessionSoACopyOfTheCookieOpensNothing() throws Exception {
		String cookie = cookie(login("test-operator", null));
		String copy = cookie;
		assertThat(get("/api/v1/orders", copy).statusCode()).isEqualTo(200);
		HttpResponse<String> logout = this.http.send(
				request("/logout").header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(logout.statusCode()).isEqualTo(303);
		assertThat(logout.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((setCookie) -> assertThat(setCookie).startsWith("rt_operator=;").contains("Max-Age=0"));
		assertThat(get("/api/v1/orders", copy).statusCode()).isEqualTo(401);
		assertThat(get("/", copy).statusCode()).isEqualTo(303);
	}

	@Test
	void repeatedWrongTokensAreAnswered429WithRetryAfterUntilTheWaitIsOver() throws Exception {
		assertThat(login("wrong-1", null).headers().firstValue("Location")).hasValue("/login?failed");
		assertThat(login("wrong-2", null).statusCode()).isEqualTo(303);
		HttpResponse<String> third = login("wrong-3", null);
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(third.body()).contains("Too many wrong tokens");
		// while it waits, even the right token is not looked at
		assertThat(login("test-operator", null).statusCode()).isEqualTo(429);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(login("test-operator", null).statusCode()).isEqualTo(303));
		assertThat(login("wrong-after-success", null).statusCode()).as("a right token starts the count afresh")
			.isEqualTo(303);
		assertThat(login("test-operator", null).statusCode()).isEqualTo(303);
	}

	@Test
	void scriptsStillUseTheOperatorTokenAsABearerToken() throws Exception {
		HttpResponse<String> orders = this.http.send(
				request("/api/v1/orders").header("Authorization", "Bearer test-operator").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(orders.statusCode()).isEqualTo(200);
	}

	@Test
	void healthIsPublicWithoutDetailsAndOperatorsSeeDetailsAndMetrics() throws Exception {
		HttpResponse<String> anonymous = get("/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
		HttpResponse<String> operator = this.http.send(
				request("/actuator/health").header("Authorization", "Bearer test-operator").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(operator.body()).contains("\"components\"").contains("\"redis\"");
		String cookie = cookie(login("test-operator", null));
		assertThat(get("/actuator/metrics", cookie).statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiredOrderTokenIsRefusedWith401SayingItExpired() throws Exception {
		String expired = new HmacTokens(SECRET, "order").mint("order-late", Instant.now().minusSeconds(60));
		HttpResponse<String> api = get("/api/v1/orders/order-late?token=" + expired, null);
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.body()).contains("expired");
		HttpResponse<String> page = get("/track/order-late?token=" + expired, null);
		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.body()).contains("This tracking link expired");
	}

	@Test
	void anOrderTokenMintedUnderThePreviousSecretStillOpensTheOrder() throws Exception {
		String old = new HmacTokens(OLD_SECRET, "order").mint("order-rotated");
		assertThat(get("/track/order-rotated?token=" + old, null).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/orders/order-rotated?token=" + old, null).statusCode()).as("passed, then not found")
			.isEqualTo(404);
		String stranger = new HmacTokens("a-secret-nobody-here-knows", "order").mint("order-rotated");
		assertThat(get("/track/order-rotated?token=" + stranger, null).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> login(String token, String forwardedProto) throws Exception {
		HttpRequest.Builder builder = request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
		if (forwardedProto != null) {
			builder.header("X-Forwarded-Proto", forwardedProto);
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder builder = request(path);
		if (cookie != null) {
			builder.header("Cookie", cookie);
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private static String cookie(HttpResponse<String> login) {
		assertThat(login.statusCode()).as("signed in").isEqualTo(303);
		String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

}
