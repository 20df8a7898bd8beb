package dev.ridertrack.producer.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API against a real broker: what is accepted is on the topic, keyed and in order;
 * what is rejected never is.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.security.token-secret=" + Fixes.SECRET, "ridertrack.ingest.max-body-size=64KB",
				// what an operator's management port exposes (docs/security.md)
				"management.endpoints.web.exposure.include=health,info,metrics,prometheus" })
@WithInfrastructure
class IngestIntegrationTests {

	private static final AtomicInteger RIDERS = new AtomicInteger();

	private static final HmacTokens TOKENS = new HmacTokens(Fixes.SECRET, "rider");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void putsAnAcceptedFixOnTheTopicKeyedByRiderAsPlainJson() throws Exception {
		String rider = newRider();
		Map<String, Object> fix = Fixes.valid(rider, 7);
		HttpResponse<String> response = post("/api/v1/locations", Fixes.json(fix), rider);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"accepted\":1");

		List<ConsumerRecord<String, String>> records = RiderLocationsTopic.recordsOf(rider, "\"seq\":7");
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo(rider);
			assertThat(record.headers().lastHeader("__TypeId__")).isNull();
			JsonNode json = EventJson.mapper().readTree(record.value());
			assertThat(json.get("riderId").asString()).isEqualTo(rider);
			assertThat(json.get("recordedAt").asString()).isEqualTo(fix.get("recordedAt"));
			RiderLocation event = EventJson.mapper().readValue(record.value(), RiderLocation.class);
			assertThat(event).isEqualTo(new RiderLocation(rider, 7, "order-9001", 52.520008, 13.404954, 6.5, 270.0, 4.0,
					java.time.Instant.parse((String) fix.get("recordedAt"))));
		});
	}

	@Test
	void keepsOneRidersFixesInSeqOrderInOnePartition() throws Exception {
		String rider = newRider();
		for (int request = 0; request < 3; request++) {
			List<Map<String, Object>> batch = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				batch.add(Fixes.valid(rider, request * 50 + i));
			}
			assertThat(post("/api/v1/locations/batch", Fixes.batch(batch), rider).statusCode()).isEqualTo(202);
		}
		List<ConsumerRecord<String, String>> records = RiderLocationsTopic.recordsOf(rider, "\"seq\":149,");
		assertThat(records).hasSize(150);
		assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
		assertThat(records)
			.extracting((record) -> EventJson.mapper().readValue(record.value(), RiderLocation.class).seq())
			.containsExactlyElementsOf(java.util.stream.LongStream.range(0, 150).boxed().toList());
	}

	@Test
	void acceptsADuplicateSeqAsTheSameFixSentAgain() throws Exception {
		String rider = newRider();
		String body = Fixes.json(Fixes.valid(rider, 3));
		assertThat(post("/api/v1/locations", body, rider).statusCode()).isEqualTo(202);
		assertThat(post("/api/v1/locations", body, rider).statusCode()).isEqualTo(202);
		assertThat(RiderLocationsTopic.recordsOf(rider, "\"seq\":3,")).isNotEmpty();
	}

	static Stream<Arguments> rejectedRequests() {
		return Stream.of(
				Arguments.of("lat out of range", 400,
						(Request) (rider) -> request("/api/v1/locations",
								Fixes.json(Fixes.with(rider, 1, "lat", 123.4)), "application/json", token(rider))),
				Arguments.of("speed NaN", 400,
						(Request) (rider) -> request("/api/v1/locations",
								Fixes.json(Fixes.with(rider, 1, "speedMps", "NaN")), "application/json", token(rider))),
				Arguments.of("recordedAt in the future", 400,
						(Request) (rider) -> request("/api/v1/locations",
								Fixes.json(Fixes.with(rider, 1, "recordedAt",
										java.time.Instant.now().plusSeconds(3600).toString())),
								"application/json", token(rider))),
				Arguments.of("missing seq", 400, (Request) (rider) -> request("/api/v1/locations",
						Fixes.json(Fixes.with(rider, 1, "seq", Fixes.ABSENT)), "application/json", token(rider))),
				Arguments.of("malformed JSON", 400,
						(Request) (rider) -> request("/api/v1/locations",
								Fixes.json(Fixes.valid(rider, 1)).replace("}", ""), "application/json", token(rider))),
				Arguments.of("batch with one invalid fix", 400,
						(Request) (rider) -> request("/api/v1/locations/batch",
								Fixes.batch(List.of(Fixes.valid(rider, 1), Fixes.with(rider, 2, "lon", 999))),
								"application/json", token(rider))),
				Arguments.of("wrong content type", 415,
						(Request) (rider) -> request("/api/v1/locations", Fixes.json(Fixes.valid(rider, 1)),
								"text/plain", token(rider))),
				Arguments.of("no token", 401,
						(Request) (rider) -> request("/api/v1/locations", Fixes.json(Fixes.valid(rider, 1)),
								"application/json", null)),
				Arguments.of("another rider's token", 403,
						(Request) (rider) -> request("/api/v1/locations", Fixes.json(Fixes.valid(rider, 1)),
								"application/json", token("rider-someone-else"))),
				Arguments.of("body too large", 413, (Request) (rider) -> {
					Map<String, Object> fix = Fixes.valid(rider, 1);
					fix.put("padding", "x".repeat(70 * 1024));
					return request("/api/v1/locations", Fixes.json(fix), "application/json", token(rider));
				}));
	}

	@ParameterizedTest(name = "{0} → {1}")
	@MethodSource("rejectedRequests")
	void answersARejectedRequestWithAProblemAndNeverWritesIt(String what, int status, Request request)
			throws Exception {
		String rider = newRider();
		HttpResponse<String> response = this.http.send(request.build(rider).uri(uri("")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		// a good fix after the rejected request: it is the rider's only record on the
		// topic
		assertThat(post("/api/v1/locations", Fixes.json(Fixes.valid(rider, 999)), rider).statusCode()).isEqualTo(202);
		assertThat(RiderLocationsTopic.recordsOf(rider, "\"seq\":999,"))
			.extracting((record) -> EventJson.mapper().readValue(record.value(), RiderLocation.class).seq())
			.containsExactly(999L);
	}

	@Test
	void countsAcceptedFixesAndExposesThemToPrometheus() throws Exception {
		String rider = newRider();
		assertThat(post("/api/v1/locations/batch", Fixes.batch(List.of(Fixes.valid(rider, 1), Fixes.valid(rider, 2))),
				rider)
			.statusCode()).isEqualTo(202);
		HttpResponse<String> prometheus = this.http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(prometheus.body()).contains("ridertrack_ingest_accepted_fixes_total")
			.contains("ridertrack_ingest_produce_seconds_bucket")
			.contains("ridertrack_ingest_inflight_requests");
		HttpResponse<String> accepted = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/metrics/ridertrack.ingest.accepted")).build(),
				HttpResponse.BodyHandlers.ofString());
		double count = EventJson.mapper().readTree(accepted.body()).get("measurements").get(0).get("value").asDouble();
		assertThat(count).isGreaterThanOrEqualTo(2);
	}

	@Test
	void describesTheApiWithOpenApi() throws Exception {
		HttpResponse<String> docs = this.http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode api = EventJson.mapper().readTree(docs.body());
		for (String status : List.of("400", "401", "403", "413", "415", "503")) {
			assertThat(api
				.at("/paths/~1api~1v1~1locations/post/responses/" + status
						+ "/content/application~1problem+json/schema/$ref")
				.asString()).as(status).isEqualTo("#/components/schemas/Problem");
		}
		assertThat(api.at("/paths/~1api~1v1~1locations/post/responses/202/description").asString())
			.contains("acknowledged");
		assertThat(
				api.at("/paths/~1api~1v1~1locations/post/requestBody/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Fix");
		assertThat(api
			.at("/paths/~1api~1v1~1locations~1batch/post/requestBody/content/application~1json/schema/items/$ref")
			.asString()).isEqualTo("#/components/schemas/Fix");
		assertThat(api.has("paths")).isTrue();
		assertThat(api.get("paths").has("/api/v1/locations/batch")).isTrue();
		assertThat(api.at("/components/schemas/Fix/properties/lat/example").asDouble()).isEqualTo(52.520008);
		assertThat(api.at("/components/schemas/Problem/properties/errors").isMissingNode()).isFalse();
		HttpResponse<String> ui = this.http.send(HttpRequest.newBuilder(uri("/swagger-ui/index.html")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(ui.statusCode()).isEqualTo(200);
	}

	@Test
	void hasNoDevTokenEndpointOutsideTheLocalProfile() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/api/v1/dev/token/rider-000001")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(TOKENS.mint("rider-000001"));
	}

	private HttpResponse<String> post(String path, String body, String rider) throws Exception {
		return this.http.send(request(path, body, "application/json", token(rider)).uri(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Builds the request; the test sets the URI, which needs the random port. */
	@FunctionalInterface
	interface Request {

		Built build(String rider);

	}

	record Built(String path, HttpRequest.Builder builder) {

		HttpRequest.Builder uri(URI base) {
			return this.builder.uri(base.resolve(this.path));
		}

	}

	private static Built request(String path, String body, String contentType, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder()
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", contentType);
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return new Built(path, builder);
	}

	private static String token(String rider) {
		return TOKENS.mint(rider);
	}

	private static String newRider() {
		return "rider-it-" + ProcessHandle.current().pid() + "-" + RIDERS.incrementAndGet();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
