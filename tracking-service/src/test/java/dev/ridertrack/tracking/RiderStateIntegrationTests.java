package dev.ridertrack.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.tracking.state.RiderStore;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ridertrack.tracking.silence-timeout=10s", "ridertrack.tracking.sweep-interval=500ms" })
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class RiderStateIntegrationTests {

	static Fixes fixes;

	@Autowired
	TestRestTemplate http;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RiderStore riderStore;

	final String run = UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void producer() {
		fixes = new Fixes(Infrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	static void closeProducer() {
		fixes.close();
	}

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@BeforeEach
	void consumerIsReading() {
		// fixes older than the (short) silence timeout are skipped, so produce only once
		// the group has handed this instance its partitions
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.listeners.getListenerContainer("tracking-locations").getAssignedPartitions())
						.isNotEmpty());
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsTheFixWithTheHighestSeqWhateverTheArrivalOrder() {
		String rider = "rider-seq-" + this.run;
		fixes.send(Fixes.fix(rider, 7, 52.5200, 13.4050));
		fixes.send(Fixes.fix(rider, 3, 52.5300, 13.4150));
		fixes.send(Fixes.fix(rider, 5, 52.5400, 13.4250));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ResponseEntity<Map> answer = operatorGet("/api/v1/riders/" + rider, Map.class);
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(answer.getBody()).containsEntry("seq", 7).containsEntry("lat", 52.52);
		});
		// a later, older fix arriving alone (another poll) must not win either
		fixes.send(Fixes.fix(rider, 6, 52.5500, 13.4350));
		fixes.send(Fixes.fix("rider-marker-" + this.run, 1, 52.5, 13.4));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> operatorGet("/api/v1/riders/rider-marker-" + this.run, Map.class).getStatusCode()
				.is2xxSuccessful());
		assertThat(operatorGet("/api/v1/riders/" + rider, Map.class).getBody()).containsEntry("seq", 7);
	}

	@Test
	void aPollOfMoreRidersThanOneScriptCallTakesMovesTheNewerAndKeepsTheOlderOut() {
		// 600 riders: more than one script call's worth (RiderStore.FIXES_PER_CALL), so
		// a poll of them is several calls in one pipeline
		int riders = 600;
		String prefix = "rider-many-" + this.run + "-";
		// stamped a minute ahead: this class's 10 s silence timeout must not sweep these
		// riders while the test looks at 600 of them
		Instant ahead = Instant.now().plusSeconds(60);
		for (int i = 0; i < riders; i++) {
			fixes.send(new RiderLocation(prefix + i, 10, null, -20.0, -50.0 + i * 0.001, 5.0, 90.0, 8.0, ahead));
		}
		fixes.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.redis.opsForHash().get("rider:" + prefix + (riders - 1), "seq"))
				.isEqualTo("10"));
		// then, in one burst: even riders move on (seq 11, a trail spacing later), odd
		// riders' fixes are older than what Redis holds (seq 9, as a late or redelivered
		// fix would be)
		for (int i = 0; i < riders; i++) {
			boolean newer = i % 2 == 0;
			fixes.send(new RiderLocation(prefix + i, newer ? 11 : 9, null, newer ? -21.0 : -19.0, -50.0 + i * 0.001,
					5.0, 90.0, 8.0, newer ? ahead.plusSeconds(10) : ahead));
		}
		fixes.send(Fixes.fix(prefix + "marker", 1, -20.0, -49.0));
		fixes.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.redis.hasKey("rider:" + prefix + "marker")).isTrue());
		for (int i = 0; i < riders; i++) {
			String rider = prefix + i;
			boolean newer = i % 2 == 0;
			assertThat(this.redis.opsForHash().get("rider:" + rider, "seq")).as(rider).isEqualTo(newer ? "11" : "10");
			// positions are stored to seven decimal places (ArgumentText)
			String[] position = String.valueOf(this.redis.opsForHash().get("rider:" + rider, "pos")).split(",");
			assertThat(Double.parseDouble(position[0])).as(rider).isEqualTo(newer ? -21.0 : -20.0);
			assertThat(Double.parseDouble(position[1])).as(rider)
				.isEqualTo(Math.round((-50.0 + i * 0.001) * 1e7) / 1e7);
			assertThat(this.redis.opsForGeo().position("riders:geo", rider).get(0).getY()).as(rider)
				.isCloseTo(newer ? -21.0 : -20.0, org.assertj.core.data.Offset.offset(0.0001));
			assertThat(this.redis.opsForList().size("trail:" + rider)).as(rider).isEqualTo(newer ? 2 : 1);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void aTrailKeepsAPositionEveryTrailSpacingAndTheNewestOfThem() {
		String rider = "rider-trail-" + this.run;
		// the defaults: a position every 10 s over 5 minutes
		int trailLength = 30;
		int sent = 80;
		// a fix every 5 s, stamped ahead: this class's sweeper (every 500 ms, 10 s
		// silence timeout) would delete a rider whose newest fix is older, trail and all,
		// while this loop still writes
		Instant start = Instant.now().plusSeconds(60);
		// one write per fix, as one poll per fix would: the listener keeps only a rider's
		// newest fix of a poll
		for (int seq = 1; seq <= sent; seq++) {
			this.riderStore.write(List.of(new RiderLocation(rider, seq, null, 48.0 + seq * 0.0001, 2.35, 5.0, 90.0, 8.0,
					start.plusSeconds(5L * seq))));
			assertThat(this.redis.opsForList().size("trail:" + rider)).as("after fix %d", seq)
				.isLessThanOrEqualTo(trailLength + trailLength / 10);
		}
		ResponseEntity<Map> answer = operatorGet("/api/v1/riders/" + rider + "/trail", Map.class);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Map<String, Object>> trail = (List<Map<String, Object>>) answer.getBody().get("points");
		// every second fix is kept (1, 3, ..., 79): the newest 30 of them are 21 to 79
		assertThat(trail).extracting((point) -> ((Number) point.get("lat")).doubleValue())
			.containsExactlyElementsOf(IntStream.rangeClosed(0, trailLength - 1)
				.mapToObj((i) -> 48.0 + (sent - 1 - 2 * (trailLength - 1 - i)) * 0.0001)
				.toList());
		assertThat(trail).extracting((point) -> ((Number) point.get("at")).longValue())
			.isSorted()
			.last()
			.isEqualTo(start.plusSeconds(5L * (sent - 1)).toEpochMilli());
	}

	@Test
	void aPhoneWhoseClockWentBackKeepsAddingToItsTrail() {
		String rider = "rider-clock-back-" + this.run;
		Instant ahead = Instant.now().plusSeconds(60);
		this.riderStore.write(List.of(new RiderLocation(rider, 1, null, 48.1, 2.35, 5.0, 90.0, 8.0, ahead)));
		this.riderStore
			.write(List.of(new RiderLocation(rider, 2, null, 48.2, 2.35, 5.0, 90.0, 8.0, ahead.plusSeconds(5))));
		assertThat(this.redis.opsForList().range("trail:" + rider, 0, -1)).as("5 s later: within the spacing")
			.hasSize(1);
		this.riderStore
			.write(List.of(new RiderLocation(rider, 3, null, 48.3, 2.35, 5.0, 90.0, 8.0, ahead.minusSeconds(30))));
		assertThat(this.redis.opsForList().range("trail:" + rider, 0, -1)).as("a newer fix stamped 30 s earlier")
			.hasSize(2)
			.last()
			.asString()
			.endsWith(",48.3,2.35");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aRiderBeyondTheGeoSetsLatitudesIsStoredWithoutFailingTheOthersOfItsPoll() {
		// Redis GEO takes latitudes up to 85.05 degrees; the edge accepts up to 90
		String polar = "rider-polar-" + this.run;
		String beside = "rider-beside-polar-" + this.run;
		// stamped a minute ahead: if the group is still settling when this test runs
		// first, the class's 10 s silence timeout must not drop the fixes meanwhile
		Instant ahead = Instant.now().plusSeconds(60);
		fixes.send(new RiderLocation(polar, 1, null, 87.0, 10.0, 5.0, 90.0, 8.0, ahead));
		fixes.send(new RiderLocation(beside, 1, null, 60.0, 10.0, 5.0, 90.0, 8.0, ahead));
		fixes.flush();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ResponseEntity<Map> answer = operatorGet("/api/v1/riders/" + polar, Map.class);
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(answer.getBody()).containsEntry("lat", 87.0);
			assertThat(this.redis.opsForGeo().position("riders:geo", beside)).doesNotContainNull();
		});
		assertThat(this.redis.opsForGeo().position("riders:geo", polar)).containsOnlyNulls();
	}

	@Test
	@SuppressWarnings("unchecked")
	void anOrdersNewestEtaWinsWhetherTheOlderComesInTheSamePollOrLater() {
		String order = "order-etas-" + this.run;
		String rider = "rider-etas-" + this.run;
		Place restaurant = new Place("r1", "Pho Bar", 21.03, 105.85);
		Place home = new Place("c1", "Home", 21.02, 105.84);
		Instant computed = Instant.now();
		fixes.send("order-events", order,
				new OrderEvent(order, rider, OrderStatus.ASSIGNED, restaurant, home, Instant.now()));
		// one burst: the newest first, then an older estimate behind it
		fixes.send("eta-updates", order, new EtaUpdate(order, rider, 300, 1500, computed, 2));
		fixes.send("eta-updates", order, new EtaUpdate(order, rider, 900, 4000, computed.minusSeconds(20), 1));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, Object> body = operatorGet("/api/v1/orders/" + order, Map.class).getBody();
			assertThat(body).containsKey("eta");
			assertThat((Map<String, Object>) body.get("eta")).containsEntry("seconds", 300)
				.containsEntry("computedAt", computed.toEpochMilli());
		});
		// an older one alone, in a later poll, loses too; a newer one wins
		fixes.send("eta-updates", order, new EtaUpdate(order, rider, 800, 3500, computed.minusSeconds(10), 1));
		fixes.send("eta-updates", order, new EtaUpdate(order, rider, 240, 1200, computed.plusSeconds(5), 3));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					(Map<String, Object>) operatorGet("/api/v1/orders/" + order, Map.class).getBody().get("eta"))
				.containsEntry("seconds", 240));
	}

	@Test
	void silentRidersDisappearFromHashGeoSetAndSearch() {
		String rider = "rider-silent-" + this.run;
		fixes.send(Fixes.fix(rider, 1, 48.8566, 2.3522));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.redis.opsForGeo().position("riders:geo", rider)).doesNotContainNull());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.redis.hasKey("rider:" + rider)).isFalse();
			assertThat(this.redis.opsForGeo().position("riders:geo", rider)).containsOnlyNulls();
			assertThat(operatorGet("/api/v1/riders/" + rider, Map.class).getStatusCode())
				.isEqualTo(HttpStatus.NOT_FOUND);
		});
	}

	@Test
	void aRiderWhoseLastSeenScoreLagsItsNewestFixIsNotSwept() {
		// fixes refresh the last-seen score only every quarter of the silence timeout
		// (2.5 s
		// here), so the score can be older than the rider's newest fix: the sweeper must
		// read the hash before it removes anyone
		String rider = "rider-lagging-score-" + this.run;
		Instant first = Instant.now();
		this.riderStore.write(List.of(new RiderLocation(rider, 1, null, 48.85, 2.35, 5.0, 90.0, 8.0, first)));
		this.riderStore
			.write(List.of(new RiderLocation(rider, 2, null, 48.86, 2.36, 5.0, 90.0, 8.0, first.plusMillis(1000))));
		assertThat(this.redis.opsForZSet().score("riders:lastseen", rider))
			.as("refreshed by the first fix only, the second came 1 s later")
			.isEqualTo((double) first.toEpochMilli());

		// as if the rider had been seen only 11 s ago while its newest fix is 1 s old
		this.redis.opsForZSet().add("riders:lastseen", rider, first.toEpochMilli() - 11_000);
		this.riderStore.sweep();
		assertThat(this.redis.hasKey("rider:" + rider)).isTrue();
		assertThat(this.redis.opsForGeo().position("riders:geo", rider)).doesNotContainNull();
		assertThat(this.redis.opsForZSet().score("riders:lastseen", rider))
			.isEqualTo((double) first.plusMillis(1000).toEpochMilli());

		this.riderStore
			.write(List.of(new RiderLocation(rider, 3, null, 48.87, 2.37, 5.0, 90.0, 8.0, first.plusMillis(3000))));
		assertThat(this.redis.opsForZSet().score("riders:lastseen", rider))
			.as("2 s after the score the sweeper set: not refreshed yet")
			.isEqualTo((double) first.plusMillis(1000).toEpochMilli());
		this.riderStore
			.write(List.of(new RiderLocation(rider, 4, null, 48.88, 2.38, 5.0, 90.0, 8.0, first.plusMillis(3600))));
		assertThat(this.redis.opsForZSet().score("riders:lastseen", rider)).as("2.6 s after it: refreshed")
			.isEqualTo((double) first.plusMillis(3600).toEpochMilli());
	}

	@Test
	@SuppressWarnings("unchecked")
	void findsRidersWithinARadiusNearestFirst() {
		// a quiet corner of the map so other tests' riders are not near
		String near = "rider-near-" + this.run;
		String nearer = "rider-nearer-" + this.run;
		String far = "rider-far-" + this.run;
		fixes.send(Fixes.fix(near, 1, -33.8600, 151.2100));
		fixes.send(Fixes.fix(nearer, 1, -33.8610, 151.2110));
		fixes.send(Fixes.fix(far, 1, -33.9000, 151.3000));
		fixes.flush();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, Object> body = operatorGet("/api/v1/riders/near?lat=-33.8612&lon=151.2112&radiusM=500",
					Map.class)
				.getBody();
			List<Map<String, Object>> riders = (List<Map<String, Object>>) body.get("riders");
			assertThat(riders).extracting((r) -> r.get("riderId")).containsExactly(nearer, near);
		});
	}

	@Test
	void sendsAnUnreadableFixToTheDeadLetterTopicAndKeepsGoing() {
		String rider = "rider-after-poison-" + this.run;
		byte[] poison = ("{not json " + this.run).getBytes();
		fixes.sendRaw("rider-locations", rider, poison);
		fixes.send(Fixes.fix(rider, 1, 40.0, -3.7));
		fixes.flush();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> operatorGet("/api/v1/riders/" + rider, Map.class).getStatusCode().is2xxSuccessful());
		try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "dlt-check-" + this.run,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			dlt.subscribe(List.of("rider-locations.DLT"));
			java.util.List<String> keys = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : dlt.poll(Duration.ofMillis(500))) {
					keys.add(record.key() + "=" + new String(record.value()));
				}
				assertThat(keys).contains(rider + "=" + new String(poison));
			});
		}
	}

	@Test
	void movesPastAnUnreadableFixInTheMiddleOfABusyBatch() {
		// the same key throughout: one partition, the poison record with good fixes
		// before and after it in one poll, as on a stack under load
		String rider = "rider-mid-poison-" + this.run;
		byte[] poison = ("not json in the middle " + this.run).getBytes();
		for (int seq = 1; seq <= 300; seq++) {
			fixes.send(Fixes.fix(rider, seq, 40.0, -3.7));
		}
		fixes.sendRaw("rider-locations", rider, poison);
		for (int seq = 301; seq <= 600; seq++) {
			fixes.send(Fixes.fix(rider, seq, 40.0, -3.7));
		}
		fixes.flush();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			ResponseEntity<Map> answer = operatorGet("/api/v1/riders/" + rider, Map.class);
			assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
			assertThat(((Number) answer.getBody().get("seq")).longValue()).isEqualTo(600);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void showsAnOrderOnlyWithItsTokenOrToAnOperator() {
		String order = "order-" + this.run;
		String rider = "rider-order-" + this.run;
		Place restaurant = new Place("r1", "Pasta Nord", 45.47, 9.18);
		Place home = new Place("c1", "Home", 45.46, 9.20);
		fixes.send("order-events", order,
				new OrderEvent(order, null, OrderStatus.CREATED, restaurant, home, Instant.now()));
		fixes.send("order-events", order,
				new OrderEvent(order, rider, OrderStatus.ASSIGNED, restaurant, home, Instant.now()));
		fixes.send(new RiderLocation(rider, 1, order, 45.465, 9.19, 4, 10, 5, Instant.now()));
		fixes.flush();
		String token = new dev.ridertrack.platform.HmacTokens("test-token-secret-0123456789", "order").mint(order);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ResponseEntity<Map> answer = this.http.getForEntity("/api/v1/orders/" + order + "?token=" + token,
					Map.class);
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(answer.getBody()).containsEntry("status", "ASSIGNED").containsEntry("riderId", rider);
			assertThat((Map<String, Object>) answer.getBody().get("rider")).containsEntry("state", "to-restaurant");
			// what track.js reads, as the application's own mapper writes it; no ETA yet
			assertThat(answer.getBody()).containsOnlyKeys("orderId", "status", "steps", "restaurant", "customer",
					"riderId", "rider", "trail");
			assertThat((Map<String, Object>) answer.getBody().get("steps")).containsOnlyKeys("placed", "assigned",
					"pickedUp", "delivered", "cancelled");
		});
		assertThat(this.http.getForEntity("/api/v1/orders/" + order, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.getForEntity("/api/v1/orders/" + order + "?token=" + token + "x", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		String otherToken = new dev.ridertrack.platform.HmacTokens("test-token-secret-0123456789", "order")
			.mint("order-other");
		assertThat(this.http.getForEntity("/api/v1/orders/" + order + "?token=" + otherToken, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.getForEntity("/track/" + order + "?token=" + otherToken, String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.getForEntity("/track/" + order + "?token=" + token, String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(operatorGet("/api/v1/orders/" + order, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.http.getForEntity("/api/v1/riders/" + rider, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private <T> ResponseEntity<T> operatorGet(String path, Class<T> type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("test-operator");
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), type);
	}

}
