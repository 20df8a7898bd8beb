package dev.ridertrack.tracking.kafka;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka page's API and the lessons are described in the service's OpenAPI document,
 * with their parameters and answer shapes, so a script can be written against them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class KafkaApiDocumentationIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	TestRestTemplate http;

	@Test
	void describesEveryKafkaPageEndpointWithItsParametersAndAnswers() {
		JsonNode api = this.json.readTree(this.http.getForObject("/v3/api-docs", String.class));
		JsonNode paths = api.path("paths");
		assertThat(paths.propertyNames()).contains("/api/v1/kafka/cluster", "/api/v1/kafka/topics",
				"/api/v1/kafka/topics/{topic}", "/api/v1/kafka/topics/{topic}/messages", "/api/v1/kafka/groups",
				"/api/v1/kafka/groups/{group}", "/api/v1/kafka/groups/{group}/lag-history", "/api/v1/kafka/timeline",
				"/api/v1/lessons", "/api/v1/lessons/{lesson}");
		JsonNode messages = paths.path("/api/v1/kafka/topics/{topic}/messages").path("get");
		assertThat(messages.path("parameters").valueStream().map((parameter) -> parameter.path("name").asString()))
			.containsExactlyInAnyOrder("topic", "partition", "offset", "time", "key", "limit");
		JsonNode schemas = api.path("components").path("schemas");
		assertThat(schemas.path("Message").path("properties").propertyNames()).contains("partition", "offset",
				"timestamp", "key", "headers", "value", "deadLetter");
		assertThat(api.path("components").path("securitySchemes").path("operator").path("scheme").asString())
			.isEqualTo("bearer");
	}

}
