package dev.ridertrack.loadgen.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP mode sends each rider's fixes with that rider's token. location-producer is
 * another module (built in parallel), so a small stub stands in for it here: it checks
 * every token as location-producer does ({@link HmacTokens#verify}) and accepts the same
 * two request shapes, one fix or a JSON array.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.loadgen.riders=200", "ridertrack.loadgen.interval=1s",
				"ridertrack.loadgen.mode=http", "ridertrack.security.token-secret=" + HttpModeIntegrationTests.SECRET })
@AutoConfigureTestRestTemplate
@WithInfrastructure
class HttpModeIntegrationTests {

	static final String SECRET = "integration-test-secret-123";

	static final StubProducer producer = StubProducer.start();

	@Autowired
	TestRestTemplate http;

	@DynamicPropertySource
	static void producerUrl(DynamicPropertyRegistry registry) {
		registry.add("ridertrack.loadgen.producer-url", () -> "http://127.0.0.1:" + producer.port());
	}

	@AfterAll
	static void stopStub() {
		producer.server.stop(0);
	}

	@Test
	void sendsEveryRidersFixesWithThatRidersTokenInSeqOrder() {
		long requestsBefore = producer.requests.get();
		long rejectedBefore = producer.rejected.get();
		this.http.postForEntity("/api/v1/start", null, String.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> producer.accepted.get() >= 600);
		Summary summary = this.http.postForEntity("/api/v1/stop", null, Summary.class).getBody();

		assertThat(producer.rejected.get()).isEqualTo(rejectedBefore);
		assertThat(summary.fixesFailed()).isZero();
		assertThat(summary.fixesSent()).isEqualTo(producer.accepted.get());
		assertThat(summary.httpRequests()).isEqualTo(producer.requests.get() - requestsBefore);
		assertThat(producer.seqs).hasSize(200);
		producer.seqs.values().forEach((seqs) -> assertThat(seqs).isSorted().doesNotHaveDuplicates());
	}

	@Test
	void theStubRejectsATokenMintedForAnotherRider() throws Exception {
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		RiderLocation fix = new RiderLocation("rider-000001", 1, null, 19.0, 72.9, 0, 0, 5, java.time.Instant.now());
		java.net.http.HttpResponse<Void> response = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + producer.port() + "/api/v1/locations"))
			.header("Authorization", "Bearer " + new HmacTokens(SECRET, "rider").mint("rider-000002"))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(fix)))
			.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	static final class StubProducer {

		final HmacTokens tokens = new HmacTokens(SECRET, "rider");

		final AtomicLong accepted = new AtomicLong();

		final AtomicLong rejected = new AtomicLong();

		final AtomicLong requests = new AtomicLong();

		final Map<String, List<Long>> seqs = new ConcurrentHashMap<>();

		HttpServer server;

		static StubProducer start() {
			StubProducer stub = new StubProducer();
			try {
				stub.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			stub.server.createContext("/api/v1/locations", stub::handle);
			stub.server.setExecutor(Executors.newFixedThreadPool(4));
			stub.server.start();
			return stub;
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		private void handle(HttpExchange exchange) throws IOException {
			this.requests.incrementAndGet();
			byte[] body = exchange.getRequestBody().readAllBytes();
			boolean batch = exchange.getRequestURI().getPath().endsWith("/batch");
			List<RiderLocation> fixes = batch
					? EventJson.mapper().readValue(body, new TypeReference<List<RiderLocation>>() {
					}) : List.of(EventJson.mapper().readValue(body, RiderLocation.class));
			String header = exchange.getRequestHeaders().getFirst("Authorization");
			String token = (header != null && header.startsWith("Bearer ")) ? header.substring(7) : null;
			boolean valid = fixes.stream().allMatch((f) -> this.tokens.verify(f.riderId(), token));
			if (valid) {
				for (RiderLocation fix : fixes) {
					this.seqs
						.computeIfAbsent(fix.riderId(),
								(k) -> java.util.Collections.synchronizedList(new ArrayList<>()))
						.add(fix.seq());
				}
				this.accepted.addAndGet(fixes.size());
			}
			else {
				this.rejected.addAndGet(fixes.size());
			}
			exchange.sendResponseHeaders(valid ? 202 : 401, -1);
			exchange.close();
		}

	}

}
