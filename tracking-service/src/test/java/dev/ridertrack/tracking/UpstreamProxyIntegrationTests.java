package dev.ridertrack.tracking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay's history proxy against a stub db-writer (a JDK {@link HttpServer} on a port
 * reserved for it): requests are forwarded with their query, answers and db-writer's own
 * errors come back unchanged, a db-writer that is down is a 502 problem, and only
 * operators get through.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class UpstreamProxyIntegrationTests {

	static final int DB_WRITER_PORT = Infrastructure.freePort();

	static final int ANALYTICS_PORT = Infrastructure.freePort();

	@DynamicPropertySource
	static void historyUrl(DynamicPropertyRegistry registry) {
		registry.add("ridertrack.tracking.history-url", () -> "http://127.0.0.1:" + DB_WRITER_PORT);
		registry.add("ridertrack.tracking.analytics-url", () -> "http://127.0.0.1:" + ANALYTICS_PORT);
		registry.add("ridertrack.tracking.upstream-timeout", () -> "3s");
	}

	@Autowired
	TestRestTemplate http;

	final List<String> requested = new CopyOnWriteArrayList<>();

	HttpServer dbWriter;

	HttpServer analytics;

	@AfterEach
	void stopStubs() {
		if (this.dbWriter != null) {
			this.dbWriter.stop(0);
		}
		if (this.analytics != null) {
			this.analytics.stop(0);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void forwardsTheCityRequestToAnalytics() throws IOException {
		this.analytics = HttpServer.create(new InetSocketAddress("127.0.0.1", ANALYTICS_PORT), 0);
		this.analytics.createContext("/api/v1/city", (exchange) -> {
			this.requested.add(exchange.getRequestURI().toString());
			respond(exchange, 200, "application/json",
					"{\"fixes\":[{\"windowStart\":\"2026-11-22T10:00:00Z\",\"windowEnd\":\"2026-11-22T10:00:10Z\","
							+ "\"fixesPerSecond\":400.0,\"activeRiders\":398}],\"deliveries\":[]}");
		});
		this.analytics.start();
		ResponseEntity<Map> answer = operatorGet("/api/v1/city");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((List<Map<String, Object>>) answer.getBody().get("fixes")).singleElement()
			.satisfies((window) -> assertThat(window).containsEntry("activeRiders", 398));
		assertThat(this.requested).containsExactly("/api/v1/city");
	}

	@Test
	void answers502NamingAnalyticsWhenItIsDown() {
		ResponseEntity<Map> answer = operatorGet("/api/v1/city");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(answer.getBody()).containsEntry("detail", "analytics service unavailable");
	}

	@Test
	void forwardsARiderTrackRequestWithItsQueryAndReturnsTheAnswer() throws IOException {
		startDbWriter();
		ResponseEntity<Map> answer = operatorGet(
				"/api/v1/history/riders/rider-000042?from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z&maxPoints=500");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getBody()).containsEntry("riderId", "rider-000042");
		assertThat((List<?>) answer.getBody().get("points")).hasSize(2);
		assertThat(this.requested).containsExactly(
				"/api/v1/history/riders/rider-000042?from=2026-11-22T10:00:00Z&to=2026-11-22T11:00:00Z&maxPoints=500");
	}

	@Test
	void passesDbWritersOwnProblemsThrough() throws IOException {
		startDbWriter();
		ResponseEntity<Map> answer = operatorGet("/api/v1/history/orders/order-unknown?maxPoints=200");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).containsEntry("detail", "no history for order-unknown");
	}

	@Test
	void answers502WithAProblemWhenDbWriterIsDown() {
		ResponseEntity<Map> answer = operatorGet("/api/v1/history/orders/order-1042");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).containsEntry("status", 502)
			.containsEntry("detail", "history service unavailable");
	}

	@Test
	void refusesAnyoneButAnOperator() throws IOException {
		startDbWriter();
		ResponseEntity<Map> anonymous = this.http.getForEntity("/api/v1/history/riders/rider-000042", Map.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		HttpHeaders wrong = new HttpHeaders();
		wrong.setBearerAuth("not-the-operator");
		assertThat(this.http
			.exchange("/api/v1/history/riders/rider-000042", HttpMethod.GET, new HttpEntity<>(wrong), Map.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.requested).isEmpty();
	}

	private void startDbWriter() throws IOException {
		this.dbWriter = HttpServer.create(new InetSocketAddress("127.0.0.1", DB_WRITER_PORT), 0);
		this.dbWriter.createContext("/api/v1/history/", (exchange) -> {
			String uri = exchange.getRequestURI().toString();
			this.requested.add(uri);
			if (uri.startsWith("/api/v1/history/riders/rider-000042")) {
				respond(exchange, 200, "application/json",
						"{\"riderId\":\"rider-000042\",\"stats\":{\"distanceMeters\":120.5},\"truncated\":false,"
								+ "\"points\":[{\"seq\":1,\"t\":\"2026-11-22T10:00:00Z\",\"lat\":52.5,\"lon\":13.4},"
								+ "{\"seq\":2,\"t\":\"2026-11-22T10:00:01Z\",\"lat\":52.501,\"lon\":13.4}]}");
			}
			else {
				respond(exchange, 404, "application/problem+json",
						"{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no history for order-unknown\"}");
			}
		});
		this.dbWriter.start();
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private ResponseEntity<Map> operatorGet(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), Map.class);
	}

}
