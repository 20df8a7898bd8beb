package dev.ridertrack.tracking.lessons;

import java.util.HashMap;
import java.util.Map;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class DeliverySemanticsLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		call(HttpMethod.POST, "/api/v1/lessons/delivery-semantics/reset", null);
	}

	@Test
	void atMostOnceLosesAtLeastOnceDuplicatesAndTheIdempotentSinkStoresEachRecordOnce() {
		ResponseEntity<JsonNode> response = call(HttpMethod.POST, "/api/v1/lessons/delivery-semantics/run",
				"{\"records\": 300}");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode table = response.getBody().get("view").get(0);
		assertThat(table.get("type").asString()).isEqualTo("table");
		Map<String, long[]> rows = new HashMap<>();
		StringBuilder figures = new StringBuilder("LESSON FIGURES:");
		for (JsonNode row : table.get("rows")) {
			// semantics, on the topic, stored once, lost, duplicated, redelivered
			long[] counts = { row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong(), row.get(4).asLong(),
					row.get(5).asLong() };
			rows.put(row.get(0).asString(), counts);
			figures.append(' ')
				.append(row.get(0).asString())
				.append(": ")
				.append(counts[2])
				.append(" lost, ")
				.append(counts[3])
				.append(" duplicated, ")
				.append(counts[4])
				.append(" redelivered of ")
				.append(counts[0])
				.append(";");
		}
		System.out.println(figures);
		response.getBody().get("narration").forEach((line) -> System.out.println("  " + line.asString()));

		assertThat(rows).containsOnlyKeys("at-most-once", "at-least-once", "idempotent sink");
		long[] atMostOnce = rows.get("at-most-once");
		assertThat(atMostOnce[0]).isEqualTo(300);
		assertThat(atMostOnce[2]).as("at-most-once loses").isPositive();
		assertThat(atMostOnce[3]).as("at-most-once duplicates").isZero();
		long[] atLeastOnce = rows.get("at-least-once");
		assertThat(atLeastOnce[2]).as("at-least-once loses").isZero();
		assertThat(atLeastOnce[3]).as("at-least-once duplicates").isPositive();
		long[] idempotent = rows.get("idempotent sink");
		assertThat(idempotent[2]).as("idempotent loses").isZero();
		assertThat(idempotent[3]).as("idempotent duplicates").isZero();
		assertThat(idempotent[4]).as("the idempotent sink saw the batch again").isPositive();
		assertThat(idempotent[1]).as("stored distinct = on the topic").isEqualTo(idempotent[0]);
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
