package dev.ridertrack.producer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.ridertrack.platform.HmacTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The API's answers to every kind of bad request, with Kafka replaced by a mock that must
 * never be called for a rejected request. Requests go through the whole web stack
 * (routes, handler, problem answers), in memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.security.token-secret=" + Fixes.SECRET, "ridertrack.ingest.max-body-size=8KB",
				"ridertrack.ingest.max-batch-size=5",
				// no broker here: nothing to create topics on
				"spring.kafka.admin.auto-create=false" })
class IngestControllerTests {

	private static final String RIDER = "rider-000042";

	private static final String TOKEN = new HmacTokens(Fixes.SECRET, "rider").mint(RIDER);

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	/** Reset before each test: the application's start already connected it. */
	@MockitoBean(reset = MockReset.BEFORE)
	LocationPublisher publisher;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(Arguments.of("riderId", Fixes.ABSENT, "is required"),
				Arguments.of("riderId", "rider 42!", "must match"),
				Arguments.of("riderId", "r".repeat(65), "must match"), Arguments.of("seq", Fixes.ABSENT, "is required"),
				Arguments.of("seq", -1, "must be at least 0"), Arguments.of("orderId", "order 9001", "must match"),
				Arguments.of("lat", Fixes.ABSENT, "is required"),
				Arguments.of("lat", 123.4, "must be between -90 and 90"),
				Arguments.of("lat", "NaN", "must be a finite number"),
				Arguments.of("lon", -180.5, "must be between -180 and 180"),
				Arguments.of("lon", "Infinity", "must be a finite number"),
				Arguments.of("speedMps", 100.5, "must be between 0 and 100"),
				Arguments.of("speedMps", -1, "must be between 0 and 100"),
				Arguments.of("headingDeg", 360, "less than 360"), Arguments.of("headingDeg", -0.5, "at least 0"),
				Arguments.of("accuracyM", -3, "must be at least 0"),
				Arguments.of("recordedAt", Fixes.ABSENT, "is required"),
				Arguments.of("recordedAt", Instant.now().plusSeconds(120).toString(), "in the future"),
				Arguments.of("recordedAt", Instant.now().minus(Duration.ofHours(25)).toString(), "older than 24 h"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidFields")
	void rejectsAFixThatBreaksARuleNamingTheFieldAndTheRule(String field, Object value, String rule) throws Exception {
		fix(Fixes.json(Fixes.with(RIDER, 1, field, value))).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].rule")
			.value(containsString(rule));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void readsBodiesWithTheHandWrittenFixReader() {
		assertThat(this.json.registeredModules()).hasAtLeastOneElementOfType(FixRequestModule.class);
	}

	@Test
	void echoesTheRejectedValue() throws Exception {
		fix(Fixes.json(Fixes.with(RIDER, 1, "lat", 123.4))).expectBody()
			.jsonPath("$.errors[0].rejected")
			.isEqualTo(123.4);
	}

	static Stream<Arguments> wrongJsonTypes() {
		return Stream.of(Arguments.of("lat", "north", "must be a number"),
				Arguments.of("seq", 1.5, "must be a whole number"), Arguments.of("seq", "7", "must be a whole number"),
				Arguments.of("recordedAt", "yesterday", "ISO-8601"), Arguments.of("riderId", List.of("a"), "a string"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("wrongJsonTypes")
	void rejectsAValueOfTheWrongJsonTypeNamingTheField(String field, Object value, String rule) throws Exception {
		fix(Fixes.json(Fixes.with(RIDER, 1, field, value))).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].rule")
			.value(containsString(rule));
		verifyNoInteractions(this.publisher);
	}

	@ParameterizedTest
	@MethodSource("malformedBodies")
	void rejectsMalformedJsonWithA400NeverA500(String body) throws Exception {
		fix(body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Malformed request body");
		verifyNoInteractions(this.publisher);
	}

	static Stream<String> malformedBodies() {
		return Stream.of("{\"riderId\":\"rider-000042\",", "not json", "{\"lat\": NaN}", "[]", "", "null",
				"{\"riderId\":\"rider-000042\"} trailing");
	}

	@Test
	void rejectsAnUnknownContentTypeWith415() throws Exception {
		this.client.post()
			.uri("/api/v1/locations")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(Fixes.json(Fixes.valid(RIDER, 1)))
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsAWrongMethodWith405() throws Exception {
		this.client.get()
			.uri("/api/v1/locations")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsABodyLargerThanTheLimitWith413() throws Exception {
		Map<String, Object> big = Fixes.valid(RIDER, 1);
		big.put("padding", "x".repeat(9 * 1024));
		fix(Fixes.json(big)).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(containsString("8192 bytes"));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsABatchOfMoreFixesThanAllowedWith413() throws Exception {
		List<Map<String, Object>> fixes = new ArrayList<>();
		for (int seq = 0; seq < 6; seq++) {
			fixes.add(Fixes.valid(RIDER, seq));
		}
		batch(Fixes.batch(fixes)).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.value(containsString("at most 5 fixes"));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsAWholeBatchWhenOneFixIsInvalidListingItsIndex() throws Exception {
		List<Map<String, Object>> fixes = new ArrayList<>(
				List.of(Fixes.valid(RIDER, 1), Fixes.valid(RIDER, 2), Fixes.with(RIDER, 3, "lat", 91),
						Fixes.valid(RIDER, 4), Fixes.with(RIDER, 5, "speedMps", Fixes.ABSENT)));
		batch(Fixes.batch(fixes)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[0].index")
			.isEqualTo(2)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lat")
			.jsonPath("$.errors[1].index")
			.isEqualTo(4)
			.jsonPath("$.errors[1].field")
			.isEqualTo("speedMps");
		verifyNoInteractions(this.publisher);
	}

	@Test
	void namesTheIndexOfABatchFixWithAWrongJsonType() throws Exception {
		batch("[" + Fixes.json(Fixes.valid(RIDER, 1)) + "," + Fixes.json(Fixes.with(RIDER, 2, "lon", "east")) + "]")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].index")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lon");
	}

	@Test
	void rejectsAnEmptyBatch() throws Exception {
		batch("[]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("must hold at least one fix");
	}

	@Test
	void rejectsASingleFixSentToTheBatchEndpoint() throws Exception {
		batch(Fixes.json(Fixes.valid(RIDER, 1))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("must be a JSON array of fixes");
	}

	@Test
	void asksForATokenWith401WhenThereIsNone() throws Exception {
		this.client.post()
			.uri("/api/v1/locations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Fixes.json(Fixes.valid(RIDER, 1)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer"))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsSomethingThatIsNotARiderTokenWith401() throws Exception {
		fix(Fixes.json(Fixes.valid(RIDER, 1)), "Basic dXNlcjpwYXNz").expectStatus().isUnauthorized();
		fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer not-a-token").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token"));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsAFixOfAnotherRiderWith403() throws Exception {
		String othersToken = new HmacTokens(Fixes.SECRET, "rider").mint("rider-000043");
		fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer " + othersToken).expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsABatchWithOneFixOfAnotherRider() throws Exception {
		batch(Fixes.batch(List.of(Fixes.valid(RIDER, 1), Fixes.valid("rider-000043", 1)))).expectStatus().isForbidden();
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsAnOrderTokenForTheSameId() throws Exception {
		String orderToken = new HmacTokens(Fixes.SECRET, "order").mint(RIDER);
		fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer " + orderToken).expectStatus().isForbidden();
	}

	@Test
	void answers202OnlyOnceThePublisherHasTheFixes() throws Exception {
		CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
		given(this.publisher.publish(anyList())).willReturn(acknowledged);
		CompletableFuture<WebTestClient.ResponseSpec> answer = CompletableFuture
			.supplyAsync(() -> batch(Fixes.batch(List.of(Fixes.valid(RIDER, 1), Fixes.valid(RIDER, 2)))));
		await().until(() -> mockingDetails(this.publisher).getInvocations().size() == 1);
		assertThat(answer).isNotDone();
		acknowledged.complete(2);
		answer.join()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo("{\"accepted\":2}");
	}

	@Test
	void answers202AtOnceWhenThePublisherIsAlreadyDone() throws Exception {
		given(this.publisher.publish(anyList())).willReturn(CompletableFuture.completedFuture(1));
		fix(Fixes.json(Fixes.valid(RIDER, 1))).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(1);
	}

	@Test
	void answers503WithRetryAfterWhenThePublisherFails() throws Exception {
		CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
		given(this.publisher.publish(any())).willReturn(acknowledged);
		CompletableFuture<WebTestClient.ResponseSpec> answer = CompletableFuture
			.supplyAsync(() -> fix(Fixes.json(Fixes.valid(RIDER, 1))));
		await().until(() -> mockingDetails(this.publisher).getInvocations().size() == 1);
		acknowledged.completeExceptionally(
				IngestRejectedException.unavailable("kafka-unavailable", "Kafka is away", Duration.ofSeconds(2), null));
		answer.join()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ridertrack:problem:kafka-unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/locations");
		assertThat(rejected("kafka-unavailable")).isPositive();
	}

	@Test
	void leavesTheAcknowledgementToThePublisherWhenTheClientGoesAway() {
		CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
		given(this.publisher.publish(anyList())).willReturn(acknowledged);
		WebTestClient impatient = this.client.mutate().responseTimeout(Duration.ofMillis(500)).build();
		assertThatIllegalStateException().isThrownBy(() -> impatient.post()
			.uri("/api/v1/locations")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Fixes.json(Fixes.valid(RIDER, 1)))
			.exchange());
		// the publisher's own bookkeeping (in-flight count, metrics) runs when Kafka
		// answers: a client that stopped waiting must not cancel it
		await().during(Duration.ofSeconds(1)).until(() -> !acknowledged.isCancelled());
	}

	@Test
	void answers503AtOnceWhenThePublisherHasAlreadyFailed() throws Exception {
		given(this.publisher.publish(any())).willReturn(CompletableFuture.failedFuture(IngestRejectedException
			.unavailable("kafka-unavailable", "Kafka is away", Duration.ofSeconds(2), null)));
		fix(Fixes.json(Fixes.valid(RIDER, 1))).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void countsRejectionsByReason() throws Exception {
		double before = rejected("invalid");
		fix(Fixes.json(Fixes.with(RIDER, 1, "lat", 100)));
		assertThat(rejected("invalid")).isEqualTo(before + 1);
	}

	private double rejected(String reason) {
		var counter = this.meters.find("ridertrack.ingest.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private WebTestClient.ResponseSpec fix(String body) {
		return fix(body, "Bearer " + TOKEN);
	}

	private WebTestClient.ResponseSpec fix(String body, String authorization) {
		return this.client.post()
			.uri("/api/v1/locations")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec batch(String body) {
		return this.client.post()
			.uri("/api/v1/locations/batch")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
