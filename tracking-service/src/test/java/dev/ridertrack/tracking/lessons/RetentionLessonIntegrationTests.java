package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lesson 9 over HTTP: while the lesson writes, the broker deletes expired segments and
 * the log start offset (read here with an Admin client of the test's own) rises above 0;
 * a consumer asking for offset 0 afterwards is moved to the log start with earliest, to
 * the end with latest, and fails with none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class RetentionLessonIntegrationTests {

	private static final TopicPartition PARTITION = new TopicPartition("lesson-retention", 0);

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		api().post("retention", "reset", null);
	}

	@Test
	void theLogStartAdvancesAndAConsumerAskingForADeletedOffsetGetsItsResetBehaviour() throws Exception {
		long started = System.nanoTime();
		api().post("retention", "start", null);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(logStart(admin)).isPositive());
			long movedAfter = (System.nanoTime() - started) / 1_000_000;
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(Long.parseLong(PartitionsApi.counter(api().get("retention"), "log start")))
							.isPositive());
			JsonNode state = api().get("retention");
			assertThat(PartitionsApi.narration(state))
				.anySatisfy((line) -> assertThat(line).contains("the log start moved from"));

			JsonNode earliest = lastRead(api().post("retention", "read", "{\"reset\": \"earliest\"}"));
			long startThen = Long.parseLong(earliest.get(2).asString());
			long endThen = Long.parseLong(earliest.get(3).asString());
			long first = firstOffset(earliest);
			assertThat(startThen).isPositive();
			assertThat(first).isGreaterThanOrEqualTo(startThen).isLessThan(endThen);

			JsonNode latest = lastRead(api().post("retention", "read", "{\"reset\": \"latest\"}"));
			long latestEndThen = Long.parseLong(latest.get(3).asString());
			long latestFirst = firstOffset(latest);
			assertThat(latestFirst).isGreaterThanOrEqualTo(latestEndThen);

			JsonNode noneState = api().post("retention", "read", "{\"reset\": \"none\"}");
			assertThat(lastRead(noneState).get(4).asString()).isEqualTo("OffsetOutOfRangeException");

			System.out.println("LESSON FIGURES: retention: log start first above 0 after " + movedAfter
					+ " ms of writing (retention.ms=" + RetentionLesson.RETENTION.toMillis() + ", segment.ms="
					+ RetentionLesson.SEGMENT.toMillis() + ", broker check every 10 s)");
			System.out.println("LESSON FIGURES: retention: read from 0 with earliest: log start " + startThen + ", end "
					+ endThen + " → first record " + first + "; with latest: end " + latestEndThen + " → first record "
					+ latestFirst + "; with none: OffsetOutOfRangeException");
			List<String> narration = PartitionsApi.narration(noneState);
			narration.stream()
				.filter((line) -> line.startsWith("At "))
				.limit(2)
				.forEach((line) -> System.out.println("LESSON FIGURES: retention: " + line));
		}
	}

	private PartitionsApi api() {
		return new PartitionsApi(this.http);
	}

	private static JsonNode lastRead(JsonNode state) {
		JsonNode rows = PartitionsApi.block(state, "table", "Reads from offset 0").get("rows");
		return rows.get(rows.size() - 1);
	}

	private static long firstOffset(JsonNode read) {
		String got = read.get(4).asString();
		assertThat(got).startsWith("first record at offset ");
		return Long.parseLong(got.substring("first record at offset ".length()));
	}

	private static long logStart(Admin admin) throws Exception {
		return admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION).get().offset();
	}

}
