package dev.ridertrack.dbwriter;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.model.Filters;
import dev.ridertrack.dbwriter.store.FixBuckets;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fixes and order events through the real broker into MongoDB, and back out through the
 * history API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
class HistoryIntegrationTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private static KafkaProducer<String, RiderLocation> producer;

	@Autowired
	TestRestTemplate http;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@BeforeAll
	static void producer() {
		producer = TestTraffic.fixProducer(Infrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	static void closeProducer() {
		producer.close();
	}

	@Test
	void storesEveryFixOnceEvenWhenSentTwice() {
		String prefix = unique("twice");
		List<CompletableFuture<?>> sends = TestTraffic.send(producer, prefix, 20, 50, START);
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(countFixes(prefix)).isEqualTo(1000));

		double duplicatesBefore = duplicatesSkipped();

		// the same fixes again, as a retrying client or a replay would deliver them
		TestTraffic.send(producer, prefix, 20, 50, START);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(duplicatesSkipped()).isGreaterThanOrEqualTo(duplicatesBefore + 1000));
		assertThat(countFixes(prefix)).isEqualTo(1000);
	}

	@Test
	void countsEachStoredFixOnceWhenItArrivesTwice() {
		long before = storedFixes();
		String prefix = unique("count");
		CompletableFuture.allOf(TestTraffic.send(producer, prefix, 10, 30, START).toArray(CompletableFuture[]::new))
			.join();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(countFixes(prefix)).isEqualTo(300));
		assertThat(storedFixes()).isEqualTo(before + 300);

		double duplicatesBefore = duplicatesSkipped();
		TestTraffic.send(producer, prefix, 10, 30, START);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(duplicatesSkipped()).isGreaterThanOrEqualTo(duplicatesBefore + 300));
		assertThat(storedFixes()).isEqualTo(before + 300);
	}

	private long storedFixes() {
		Map<?, ?> count = this.http.getForObject("/api/v1/history/count", Map.class);
		return ((Number) count.get("fixes")).longValue();
	}

	@Test
	void sendsAnUnreadableRecordToTheDeadLetterTopicAndWritesTheRest() {
		String prefix = unique("poison");
		String riderId = TestTraffic.riderId(prefix, 0);
		try (KafkaProducer<String, byte[]> raw = TestTraffic.rawProducer(Infrastructure.kafkaBootstrapServers())) {
			for (int seq = 0; seq < 5; seq++) {
				TestTraffic.send(producer, TestTraffic.fix(riderId, seq, null, START));
			}
			producer.flush();
			raw.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId, "not json {".getBytes()));
			// readable, but without the time every query needs
			raw.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), riderId,
					("{\"riderId\":\"" + riderId + "\",\"seq\":99}").getBytes()));
			raw.flush();
			for (int seq = 5; seq < 10; seq++) {
				TestTraffic.send(producer, TestTraffic.fix(riderId, seq, null, START));
			}
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(countFixes(prefix)).isEqualTo(10));
		try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, unique("dlt-reader"),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			dlt.subscribe(List.of(Topics.RIDER_LOCATIONS.deadLetter().name()));
			List<String> deadLetters = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : dlt.poll(Duration.ofMillis(500))) {
					if (riderId.equals(record.key())) {
						deadLetters.add(new String(record.value()));
					}
				}
				assertThat(deadLetters).contains("not json {")
					.anySatisfy((letter) -> assertThat(letter).contains("\"seq\":99"));
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void servesARidersTrackBetweenTwoTimesDownsampledWhenAsked() {
		String riderId = TestTraffic.riderId(unique("track"), 0);
		for (int seq = 0; seq < 600; seq++) {
			TestTraffic.send(producer, TestTraffic.fix(riderId, seq, null, START));
		}
		producer.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(StoredFixes.fixes(this.mongo.getDb(), Filters.eq(FixBuckets.RIDER, riderId)))
						.hasSize(600));

		Map<String, Object> track = this.http.getForObject("/api/v1/history/riders/{id}?from={from}&to={to}", Map.class,
				riderId, START.plusSeconds(100), START.plusSeconds(400));
		List<Map<String, Object>> points = (List<Map<String, Object>>) track.get("points");
		assertThat(points).hasSize(300);
		assertThat(points.get(0)).containsEntry("seq", 100);
		assertThat(points.get(299)).containsEntry("seq", 399);
		Map<String, Object> stats = (Map<String, Object>) track.get("stats");
		// 299 one-second segments of 10 m
		assertThat(((Number) stats.get("distanceMeters")).doubleValue()).isBetween(2950.0, 3030.0);
		assertThat(stats).containsEntry("movingSeconds", 299).containsEntry("stops", 0);

		Map<String, Object> thinned = this.http.getForObject(
				"/api/v1/history/riders/{id}?from={from}&to={to}&maxPoints=50", Map.class, riderId,
				START.plusSeconds(100), START.plusSeconds(400));
		List<Map<String, Object>> few = (List<Map<String, Object>>) thinned.get("points");
		assertThat(few).hasSizeLessThanOrEqualTo(50).hasSizeGreaterThan(40);
		assertThat(few.get(0)).containsEntry("seq", 100);
		assertThat(few.get(few.size() - 1)).containsEntry("seq", 399);
		assertThat(thinned.get("stats")).isEqualTo(stats);
	}

	@Test
	void rejectsATimeRangeThatEndsBeforeItStarts() {
		ResponseEntity<Map> response = this.http.getForEntity("/api/v1/history/riders/rider-000001?from={f}&to={t}",
				Map.class, START.plusSeconds(10), START);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsOneDocumentPerOrderWithItsLifecycleAndServesItsTrack() {
		String orderId = unique("order");
		String riderId = TestTraffic.riderId(unique("carrier"), 0);
		Place restaurant = new Place("r-1", "Pizza", 52.5, 13.4);
		Place customer = new Place("c-1", "Ada", 52.51, 13.4);
		List<OrderEvent> events = List.of(
				new OrderEvent(orderId, null, OrderStatus.CREATED, restaurant, customer, START),
				new OrderEvent(orderId, riderId, OrderStatus.ASSIGNED, restaurant, customer, START.plusSeconds(5)),
				new OrderEvent(orderId, riderId, OrderStatus.PICKED_UP, restaurant, customer, START.plusSeconds(60)),
				new OrderEvent(orderId, riderId, OrderStatus.DELIVERED, restaurant, customer, START.plusSeconds(120)));
		KafkaTemplate<String, OrderEvent> orders = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()),
						new StringSerializer(), EventJson.serializer()));
		// the whole lifecycle, then the whole lifecycle again (a replay)
		for (int round = 0; round < 2; round++) {
			for (OrderEvent event : events) {
				orders.send(Topics.ORDER_EVENTS.name(), orderId, event).join();
			}
		}
		for (int seq = 5; seq <= 120; seq++) {
			TestTraffic.send(producer, TestTraffic.fix(riderId, seq, orderId, START));
		}
		producer.flush();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Document order = this.mongo.getCollection("orders").find(Filters.eq("_id", orderId)).first();
			assertThat(order).isNotNull();
			assertThat(Collections.orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
			assertThat(order.getString("riderId")).isEqualTo(riderId);
			assertThat(order.getDate("pickedUpAt").toInstant()).isEqualTo(START.plusSeconds(60));
			assertThat(StoredFixes.fixes(this.mongo.getDb(), Filters.eq(FixBuckets.ORDERS, orderId)))
				.filteredOn((fix) -> orderId.equals(fix.getString("orderId")))
				.hasSize(116);
		});
		assertThat(this.mongo.getCollection("orders").countDocuments(Filters.eq("_id", orderId))).isEqualTo(1);

		HttpHeaders headers = new HttpHeaders();
		headers.setOrigin("http://localhost:8080");
		ResponseEntity<Map> response = this.http.exchange("/api/v1/history/orders/{id}?maxPoints=20", HttpMethod.GET,
				new HttpEntity<>(headers), Map.class, orderId);
		assertThat(response.getHeaders().getAccessControlAllowOrigin()).isEqualTo("http://localhost:8080");
		Map<String, Object> track = response.getBody();
		assertThat((List<?>) track.get("points")).hasSizeLessThanOrEqualTo(20);
		Map<String, Object> order = (Map<String, Object>) track.get("order");
		assertThat(order).containsEntry("status", "DELIVERED").containsEntry("riderId", riderId);
		// the replay pins both places from these fields
		assertThat(order.get("restaurant")).isEqualTo(Map.of("id", "r-1", "name", "Pizza", "lat", 52.5, "lon", 13.4));
		assertThat(order.get("customer")).isEqualTo(Map.of("id", "c-1", "name", "Ada", "lat", 52.51, "lon", 13.4));
		assertThat((Map<String, Object>) order.get("timestamps")).containsKeys("CREATED", "ASSIGNED", "PICKED_UP",
				"DELIVERED");
		assertThat((Map<String, Object>) track.get("stats")).containsEntry("points", 116);
		assertThat(this.http.getForEntity("/api/v1/history/orders/{id}", Map.class, unique("nobody")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private double duplicatesSkipped() {
		return this.meters.get("ridertrack.dbwriter.fixes.duplicates").counter().count();
	}

	private long countFixes(String prefix) {
		List<String> ids = StoredFixes.ids(this.mongo.getDb(), prefix);
		// a fix stored twice would count twice here
		return ids.size();
	}

	private static String unique(String what) {
		return what + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
