package dev.ridertrack.tracking.lessons;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.tools.consumer.group.ShareGroupCommand;
import org.apache.kafka.tools.consumer.group.ShareGroupCommandOptions;
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
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class ShareGroupsLessonIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		call(HttpMethod.POST, "/api/v1/lessons/share-groups/reset", null);
	}

	@Test
	void theTestBrokerHasShareGroupsEnabled() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			FinalizedVersionRange share = admin.describeFeatures()
				.featureMetadata()
				.get(30, TimeUnit.SECONDS)
				.finalizedFeatures()
				.get("share.version");
			assertThat(share).as("share.version is finalized").isNotNull();
			assertThat(share.maxVersionLevel()).isGreaterThanOrEqualTo((short) 1);
		}
	}

	@Test
	void fiveShareConsumersOnFourPartitionsAllReceiveAndACrashedOnesRecordsAreRedelivered() throws Exception {
		ResponseEntity<JsonNode> five = call(HttpMethod.PUT, "/api/v1/lessons/share-groups", "{\"consumers\": 5}");

		assertThat(five.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode counters = block(five.getBody(), "counters", "Records received");
		assertThat(counters.get("items")).hasSize(5);
		StringBuilder received = new StringBuilder();
		for (JsonNode item : counters.get("items")) {
			assertThat(Long.parseLong(item.get("value").asString())).as(item.get("label").asString()).isPositive();
			received.append(item.get("label").asString()).append(' ').append(item.get("value").asString()).append(", ");
		}

		// Kafka's own kafka-share-groups --describe --members agrees with the page
		String described = shareGroupsTool("--bootstrap-server", Infrastructure.kafkaBootstrapServers(), "--describe",
				"--group", "lesson-share-group", "--members");
		System.out.println(described);
		long memberRows = described.lines().filter((line) -> line.startsWith("lesson-share-group")).count();
		assertThat(memberRows).as("members listed by kafka-share-groups").isEqualTo(5);
		assertThat(block(five.getBody(), "assignment", "Share group").get("members")).hasSize(5);
		// and so does the Kafka page: a group of type SHARE with five members, none idle
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode group = call(HttpMethod.GET, "/api/v1/kafka/groups/lesson-share-group", null).getBody();
			assertThat(group.get("type").asString()).isEqualTo("SHARE");
			assertThat(group.get("members")).hasSize(5)
				.allSatisfy((member) -> assertThat(member.get("idle").asBoolean()).isFalse());
		});

		ResponseEntity<JsonNode> crashed = call(HttpMethod.POST, "/api/v1/lessons/share-groups/crash", null);

		assertThat(crashed.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode redelivered = block(crashed.getBody(), "table", "Redelivered after ");
		crashed.getBody().get("narration").forEach((line) -> System.out.println("  " + line.asString()));
		assertThat(redelivered.get("rows")).as("records delivered again to another consumer").isNotEmpty();
		String crashedName = redelivered.get("title").asString().substring("Redelivered after ".length()).split(" ")[0];
		long maxCount = 0;
		for (JsonNode row : redelivered.get("rows")) {
			assertThat(row.get(4).asString()).as("delivered again to another consumer").isNotEqualTo(crashedName);
			maxCount = Math.max(maxCount, row.get(5).asLong());
		}
		assertThat(maxCount).as("delivery count").isGreaterThanOrEqualTo(2);
		System.out.println("LESSON FIGURES: share group of 5 on 4 partitions, received " + received + "after "
				+ crashedName + " crashed " + redelivered.get("rows").size()
				+ " redeliveries to other consumers, highest delivery count " + maxCount);
	}

	private static String shareGroupsTool(String... args) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		synchronized (System.class) {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			try {
				ShareGroupCommandOptions options = new ShareGroupCommandOptions(args);
				options.checkArgs();
				ShareGroupCommand.run(options);
			}
			finally {
				System.setOut(original);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static JsonNode block(JsonNode state, String type, String titlePrefix) {
		for (JsonNode block : state.get("view")) {
			if (block.get("type").asString().equals(type) && block.get("title").asString().startsWith(titlePrefix)) {
				return block;
			}
		}
		throw new AssertionError("no " + type + " block titled " + titlePrefix + "… in " + state);
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
