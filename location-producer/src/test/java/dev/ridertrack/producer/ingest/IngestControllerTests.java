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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API's answers to every kind of bad request, with Kafka replaced by a mock that must
 * never be called for a rejected request.
 */
@WebMvcTest(controllers = IngestController.class,
		properties = { "ridertrack.security.token-secret=" + Fixes.SECRET, "ridertrack.ingest.max-body-size=8KB",
				"ridertrack.ingest.max-batch-size=5" })
@Import({ FixValidator.class, IngestMetrics.class, IngestControllerTests.SliceConfiguration.class })
class IngestControllerTests {

	private static final String RIDER = "rider-000042";

	private static final String TOKEN = new HmacTokens(Fixes.SECRET, "rider").mint(RIDER);

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@MockitoBean
	LocationPublisher publisher;

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
		this.mvc.perform(fix(Fixes.json(Fixes.with(RIDER, 1, field, value))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].rule").value(containsString(rule)));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void readsBodiesWithTheHandWrittenFixReader() {
		assertThat(this.json.registeredModules()).hasAtLeastOneElementOfType(FixRequestModule.class);
	}

	@Test
	void echoesTheRejectedValue() throws Exception {
		this.mvc.perform(fix(Fixes.json(Fixes.with(RIDER, 1, "lat", 123.4))))
			.andExpect(jsonPath("$.errors[0].rejected").value(123.4));
	}

	static Stream<Arguments> wrongJsonTypes() {
		return Stream.of(Arguments.of("lat", "north", "must be a number"),
				Arguments.of("seq", 1.5, "must be a whole number"), Arguments.of("seq", "7", "must be a whole number"),
				Arguments.of("recordedAt", "yesterday", "ISO-8601"), Arguments.of("riderId", List.of("a"), "a string"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("wrongJsonTypes")
	void rejectsAValueOfTheWrongJsonTypeNamingTheField(String field, Object value, String rule) throws Exception {
		this.mvc.perform(fix(Fixes.json(Fixes.with(RIDER, 1, field, value))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].rule").value(containsString(rule)));
		verifyNoInteractions(this.publisher);
	}

	@ParameterizedTest
	@MethodSource("malformedBodies")
	void rejectsMalformedJsonWithA400NeverA500(String body) throws Exception {
		this.mvc.perform(fix(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed request body"));
		verifyNoInteractions(this.publisher);
	}

	static Stream<String> malformedBodies() {
		return Stream.of("{\"riderId\":\"rider-000042\",", "not json", "{\"lat\": NaN}", "[]", "", "null",
				"{\"riderId\":\"rider-000042\"} trailing");
	}

	@Test
	void rejectsAnUnknownContentTypeWith415() throws Exception {
		this.mvc
			.perform(post("/api/v1/locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.contentType(MediaType.TEXT_PLAIN)
				.content(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsAWrongMethodWith405() throws Exception {
		this.mvc.perform(get("/api/v1/locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string(HttpHeaders.ALLOW, "POST"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsABodyLargerThanTheLimitWith413() throws Exception {
		Map<String, Object> big = Fixes.valid(RIDER, 1);
		big.put("padding", "x".repeat(9 * 1024));
		this.mvc.perform(fix(Fixes.json(big)))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("8192 bytes")));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsABatchOfMoreFixesThanAllowedWith413() throws Exception {
		List<Map<String, Object>> fixes = new ArrayList<>();
		for (int seq = 0; seq < 6; seq++) {
			fixes.add(Fixes.valid(RIDER, seq));
		}
		this.mvc.perform(batch(Fixes.batch(fixes)))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.detail").value(containsString("at most 5 fixes")));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsAWholeBatchWhenOneFixIsInvalidListingItsIndex() throws Exception {
		List<Map<String, Object>> fixes = new ArrayList<>(
				List.of(Fixes.valid(RIDER, 1), Fixes.valid(RIDER, 2), Fixes.with(RIDER, 3, "lat", 91),
						Fixes.valid(RIDER, 4), Fixes.with(RIDER, 5, "speedMps", Fixes.ABSENT)));
		this.mvc.perform(batch(Fixes.batch(fixes)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].index").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("lat"))
			.andExpect(jsonPath("$.errors[1].index").value(4))
			.andExpect(jsonPath("$.errors[1].field").value("speedMps"));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void namesTheIndexOfABatchFixWithAWrongJsonType() throws Exception {
		this.mvc
			.perform(batch("[" + Fixes.json(Fixes.valid(RIDER, 1)) + ","
					+ Fixes.json(Fixes.with(RIDER, 2, "lon", "east")) + "]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].index").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("lon"));
	}

	@Test
	void rejectsAnEmptyBatch() throws Exception {
		this.mvc.perform(batch("[]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].rule").value("must hold at least one fix"));
	}

	@Test
	void rejectsASingleFixSentToTheBatchEndpoint() throws Exception {
		this.mvc.perform(batch(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].rule").value("must be a JSON array of fixes"));
	}

	@Test
	void asksForATokenWith401WhenThereIsNone() throws Exception {
		this.mvc
			.perform(post("/api/v1/locations").contentType(MediaType.APPLICATION_JSON)
				.content(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void rejectsSomethingThatIsNotARiderTokenWith401() throws Exception {
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1)), "Basic dXNlcjpwYXNz"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer not-a-token"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsAFixOfAnotherRiderWith403() throws Exception {
		String othersToken = new HmacTokens(Fixes.SECRET, "rider").mint("rider-000043");
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer " + othersToken))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsABatchWithOneFixOfAnotherRider() throws Exception {
		this.mvc.perform(batch(Fixes.batch(List.of(Fixes.valid(RIDER, 1), Fixes.valid("rider-000043", 1)))))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.publisher);
	}

	@Test
	void forbidsAnOrderTokenForTheSameId() throws Exception {
		String orderToken = new HmacTokens(Fixes.SECRET, "order").mint(RIDER);
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1)), "Bearer " + orderToken))
			.andExpect(status().isForbidden());
	}

	@Test
	void answers202OnlyOnceThePublisherHasTheFixes() throws Exception {
		CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
		given(this.publisher.publish(anyList())).willReturn(acknowledged);
		MvcResult started = this.mvc.perform(batch(Fixes.batch(List.of(Fixes.valid(RIDER, 1), Fixes.valid(RIDER, 2)))))
			.andExpect(request().asyncStarted())
			.andReturn();
		assertThat(started.getResponse().getContentAsString()).isEmpty();
		acknowledged.complete(2);
		assertThat(started.getRequest().isAsyncStarted()).isFalse();
		assertThat(started.getResponse().getStatus()).isEqualTo(202);
		assertThat(started.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
		assertThat(started.getResponse().getContentAsString()).isEqualTo("{\"accepted\":2}");
	}

	@Test
	void answers202AtOnceWhenThePublisherIsAlreadyDone() throws Exception {
		given(this.publisher.publish(anyList())).willReturn(CompletableFuture.completedFuture(1));
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.accepted").value(1));
	}

	@Test
	void answers503WithRetryAfterWhenThePublisherFails() throws Exception {
		CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
		given(this.publisher.publish(any())).willReturn(acknowledged);
		MvcResult started = this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(request().asyncStarted())
			.andReturn();
		acknowledged.completeExceptionally(
				IngestRejectedException.unavailable("kafka-unavailable", "Kafka is away", Duration.ofSeconds(2), null));
		MockHttpServletResponse response = started.getResponse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getContentAsString()).contains("\"type\":\"urn:ridertrack:problem:kafka-unavailable\"")
			.contains("\"instance\":\"/api/v1/locations\"");
		assertThat(rejected("kafka-unavailable")).isPositive();
	}

	@Test
	void answers503AtOnceWhenThePublisherHasAlreadyFailed() throws Exception {
		given(this.publisher.publish(any())).willReturn(CompletableFuture.failedFuture(IngestRejectedException
			.unavailable("kafka-unavailable", "Kafka is away", Duration.ofSeconds(2), null)));
		this.mvc.perform(fix(Fixes.json(Fixes.valid(RIDER, 1))))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void countsRejectionsByReason() throws Exception {
		double before = rejected("invalid");
		this.mvc.perform(fix(Fixes.json(Fixes.with(RIDER, 1, "lat", 100))));
		assertThat(rejected("invalid")).isEqualTo(before + 1);
	}

	private double rejected(String reason) {
		var counter = this.meters.find("ridertrack.ingest.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static MockHttpServletRequestBuilder fix(String body) {
		return fix(body, "Bearer " + TOKEN);
	}

	private static MockHttpServletRequestBuilder fix(String body, String authorization) {
		return post("/api/v1/locations").header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static MockHttpServletRequestBuilder batch(String body) {
		return post("/api/v1/locations/batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	/** What the slice leaves out: the properties scan and a meter registry. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ IngestProperties.class, SecurityProperties.class })
	static class SliceConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
