package dev.ridertrack.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@ActiveProfiles("test")
class LivePushIntegrationTests {

	static final Place CURRY_CORNER = new Place("r", "Curry Corner", 51.50, -0.12);

	static final Place HOME = new Place("h", "Home", 51.51, -0.10);

	static Fixes fixes;

	@LocalServerPort
	int port;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	final String run = UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void producer() {
		fixes = new Fixes(Infrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	static void closeProducer() {
		fixes.close();
	}

	@Test
	void viewportSubscriberGetsRidersInsideItsBoxAndLosesThemWhenTheyLeave() {
		String inside = "rider-in-" + this.run;
		String outside = "rider-out-" + this.run;
		try (LiveClient client = LiveClient.connect(url("/ws/live"), "test-operator", null)) {
			client.viewport(52.40, 13.20, 52.60, 13.60);
			fixes.send(Fixes.fix(inside, 1, 52.52, 13.40));
			fixes.send(Fixes.fix(outside, 1, 48.85, 2.35));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.visible).containsKey(inside));
			// the outside rider was in the same stream at the same time, so by now it
			// would be here
			assertThat(client.seen).doesNotContainKey(outside);
			assertThat(client.visible.get(inside).lat()).isEqualTo(52.52);

			fixes.send(Fixes.fix(inside, 2, 52.70, 13.40));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.visible).doesNotContainKey(inside));

			client.viewport(48.80, 2.30, 48.90, 2.40);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.visible).containsKey(outside).doesNotContainKey(inside));
		}
	}

	@Test
	void zoomedOutViewportGetsDensityCountsOfTheRidersInItsBoxAndRidersAgainWhenZoomedIn() {
		// a corner of the world no other test rides in
		String prefix = "rider-dense-" + this.run + "-";
		Place restaurant = new Place("r", "Braai", -33.90, 18.40);
		Place home = new Place("h", "Home", -33.88, 18.41);
		fixes.send("order-events", "order-d1-" + this.run, new OrderEvent("order-d1-" + this.run, prefix + 0,
				OrderStatus.ASSIGNED, restaurant, home, Instant.now()));
		fixes.send("order-events", "order-d2-" + this.run, new OrderEvent("order-d2-" + this.run, prefix + 1,
				OrderStatus.ASSIGNED, restaurant, home, Instant.now()));
		fixes.send("order-events", "order-d3-" + this.run, new OrderEvent("order-d3-" + this.run, prefix + 2,
				OrderStatus.PICKED_UP, restaurant, home, Instant.now()));
		Map<String, double[]> riders = new LinkedHashMap<>();
		for (int i = 0; i < 30; i++) {
			riders.put(prefix + i, new double[] { -33.90 + i * 0.002, 18.40 + (i % 6) * 0.003 });
		}
		riders.forEach((id, p) -> fixes.send(Fixes.fix(id, 1, p[0], p[1])));
		fixes.send(Fixes.fix(prefix + "outside", 1, -30.0, 18.40));
		fixes.flush();
		try (LiveClient client = LiveClient.connect(url("/ws/live"), "test-operator", null)) {
			// zoom 9 is below the density zoom (10): counts per cell, no riders
			client.viewport(-34.2, 18.0, -33.6, 18.8, 9);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(client.lastKind).isEqualTo(2);
				assertThat(client.densityTotals).containsExactly(27, 2, 1);
				assertThat(client.densitySums()).containsExactly(27, 2, 1);
			});
			assertThat(client.visible).isEmpty();
			assertThat(client.seen).doesNotContainKeys(riders.keySet().toArray(String[]::new));

			// zoomed in on part of them: the grid goes, those riders come back one by one
			client.viewport(-33.91, 18.39, -33.85, 18.42, 15);
			List<String> inside = riders.entrySet()
				.stream()
				.filter((e) -> e.getValue()[0] <= -33.85)
				.map(Map.Entry::getKey)
				.toList();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(client.lastKind).isEqualTo(1);
				assertThat(client.visible).containsOnlyKeys(inside);
			});
			assertThat(client.density).isEmpty();
			assertThat(client.visible.get(prefix + 2).state()).isEqualTo((byte) 2);
		}
	}

	@Test
	void orderSubscriberSeesTheEtaAsSoonAsEtaServicePublishesIt() {
		String order = "order-eta-" + this.run;
		String rider = "rider-eta-" + this.run;
		try (LiveClient client = assignAndTrack(order, rider)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.texts).anyMatch((t) -> t.contains("\"ASSIGNED\"")));
			assertThat(client.texts).noneMatch((t) -> t.contains("\"eta\""));
			// Redis gets the ETA from the group's listener, which may come after the live
			// feed told the page: with that listener stopped, the page must still get it
			MessageListenerContainer etaListener = this.listeners.getListenerContainer("tracking-etas");
			etaListener.stop();
			try {
				fixes.send("eta-updates", order, new EtaUpdate(order, rider, 754, 3100, Instant.now(), 1));
				fixes.flush();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(client.texts).anyMatch((t) -> t.contains("\"seconds\":754")));
			}
			finally {
				etaListener.start();
			}
		}
	}

	@Test
	void orderSubscriberGetsOnlyItsRiderAndTheOrderState() {
		String order = "order-live-" + this.run;
		String rider = "rider-mine-" + this.run;
		String other = "rider-other-" + this.run;
		try (LiveClient client = assignAndTrack(order, rider)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.texts).anyMatch((t) -> t.contains("\"riderId\":\"" + rider)));
			fixes.send(Fixes.fix(rider, 1, 51.505, -0.11));
			fixes.send(Fixes.fix(other, 1, 51.505, -0.11));
			fixes.flush();
			// The live feed reads order-events and rider-locations in one consumer, in no
			// fixed order between topics: the rider may first be drawn idle, and is
			// re-sent
			// as "to restaurant" as soon as the feed has the order.
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(client.seen).containsKey(rider);
				assertThat(client.seen.get(rider).state()).isEqualTo((byte) 1);
			});
			assertThat(client.seen).containsOnlyKeys(rider);

			fixes.send("order-events", order,
					new OrderEvent(order, rider, OrderStatus.PICKED_UP, CURRY_CORNER, HOME, Instant.now()));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.texts).anyMatch((t) -> t.contains("\"PICKED_UP\"")));
		}
	}

	@Test
	void orderSubscriberGetsAStatusTheLiveFeedReadBeforeRedisHadIt() {
		String order = "order-ahead-" + this.run;
		String rider = "rider-ahead-" + this.run;
		try (LiveClient customer = assignAndTrack(order, rider);
				LiveClient operator = LiveClient.connect(url("/ws/live"), "test-operator", null)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(customer.texts).anyMatch((t) -> t.contains("\"ASSIGNED\"")));
			operator.viewport(51.45, -0.20, 51.55, -0.05);
			fixes.send(Fixes.fix(rider, 1, 51.505, -0.11));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(operator.seen).containsKey(rider);
				assertThat(operator.seen.get(rider).state()).isEqualTo((byte) 1);
			});
			// Redis gets order events from the group's listener, which may come after the
			// live feed told the page: the page must wait for Redis, not send the old
			// state
			MessageListenerContainer orderListener = this.listeners.getListenerContainer("tracking-orders");
			orderListener.stop();
			try {
				fixes.send("order-events", order,
						new OrderEvent(order, rider, OrderStatus.PICKED_UP, CURRY_CORNER, HOME, Instant.now()));
				fixes.flush();
				// the live feed has read it: the operator's map shows the rider riding to
				// the customer
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(operator.seen.get(rider).state()).isEqualTo((byte) 2));
			}
			finally {
				orderListener.start();
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(customer.texts).anyMatch((t) -> t.contains("\"PICKED_UP\"")));
		}
	}

	@Test
	void refusesAnOrderSubscriptionWithAWrongOrMissingToken() {
		String order = "order-secret-" + this.run;
		String wrong = new HmacTokens("test-token-secret-0123456789", "order").mint("order-someone-else");
		try (LiveClient client = LiveClient.connect(url("/ws/track?order=" + order + "&token=" + wrong), null, null)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode == 1008);
		}
		try (LiveClient client = LiveClient.connect(url("/ws/track?order=" + order), null, null)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode == 1008);
		}
		try (LiveClient client = LiveClient.connect(url("/ws/live"), "not-the-operator", null)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode == 1008);
		}
	}

	@Test
	void showsAnOperatorWhereAFixsTimeWentBeforeTheMapGotIt() throws Exception {
		String rider = "rider-held-" + this.run;
		String marker = "rider-prompt-" + this.run;
		try (LiveClient client = LiveClient.connect(url("/ws/live"), "test-operator", null)) {
			client.viewport(38.60, -9.30, 38.80, -9.00);
			// once a fresh fix is on the map the feed has caught up with the topic
			fixes.send(Fixes.fix(marker, 1, 38.71, -9.15));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.visible).containsKey(marker));
			assertThat(latency("DELETE", "test-operator").statusCode()).isEqualTo(204);
			// a phone that held its fix for 3 s before it sent it (no signal in a tunnel)
			fixes.send(new RiderLocation(rider, 1, null, 38.70, -9.14, 5.0, 90.0, 8.0, Instant.now().minusSeconds(3)));
			fixes.flush();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.visible).containsKey(rider));
		}
		JsonNode stages = JsonMapper.builder().build().readTree(latency("GET", "test-operator").body()).get("stages");
		assertThat(stages.valueStream().map((stage) -> stage.get("stage").asString())).containsExactly("sent",
				"consumed", "queued", "write");
		// the three seconds show where they were spent: before the producer's send
		assertThat(stages.get(0).get("max").asLong()).isBetween(3_000L, 23_000L);
		assertThat(stages.get(1).get("count").asLong()).isPositive();
		assertThat(stages.get(1).get("max").asLong()).isLessThan(3_000L);
		assertThat(stages.get(2).get("count").asLong()).isPositive();
		assertThat(latency("GET", null).statusCode()).isEqualTo(401);
		assertThat(latency("DELETE", "not-the-operator").statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> latency(String method, String operatorToken) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/live/latency"))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (operatorToken != null) {
			request.header("Authorization", "Bearer " + operatorToken);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	/** Assign the order to the rider, then open its customer page's live feed. */
	private LiveClient assignAndTrack(String order, String rider) {
		fixes.send("order-events", order,
				new OrderEvent(order, rider, OrderStatus.ASSIGNED, CURRY_CORNER, HOME, Instant.now()));
		fixes.flush();
		String token = new HmacTokens("test-token-secret-0123456789", "order").mint(order);
		return LiveClient.connect(url("/ws/track?order=" + order + "&token=" + token), null, null);
	}

}
