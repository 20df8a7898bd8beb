package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ridertrack.analytics.AnalyticsServiceApplication;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.events.Zones;
import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two analytics-service instances split the zones between their state stores, yet either
 * one answers for the whole city: the zone table, one zone's history held by the other
 * instance, and the city series.
 */
class CityWideQueriesIntegrationTests {

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Test
	void eitherInstanceAnswersForEveryZone() {
		String run = UUID.randomUUID().toString().substring(0, 6);
		// an application id of its own: other test classes' topologies stay out of the
		// split
		String application = "analytics-two-" + run;
		int portA = Infrastructure.freePort();
		int portB = Infrastructure.freePort();
		List<double[]> points = new ArrayList<>();
		Set<String> zones = new HashSet<>();
		for (int i = 0; i < 24; i++) {
			double[] point = { 19.00 + (i / 6) * 0.03, 72.80 + (i % 6) * 0.03 };
			points.add(point);
			zones.add(Zones.zoneId(point[0], point[1]));
		}
		assertThat(zones).hasSize(24);
		try (ConfigurableApplicationContext a = start(application, portA);
				ConfigurableApplicationContext b = start(application, portB);
				KafkaProducer<String, Object> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
						new StringSerializer(), EventJson.serializer())) {
			RestClient instanceA = RestClient.create("http://localhost:" + portA);
			RestClient instanceB = RestClient.create("http://localhost:" + portB);
			long[] seq = { 0 };
			// 503 while either instance starts or rebalances
			await().atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptionsInstanceOf(HttpServerErrorException.ServiceUnavailable.class)
				.untilAsserted(() -> {
					seq[0]++;
					for (int i = 0; i < points.size(); i++) {
						String rider = String.format("rider-%s-%03d", run, i);
						producer
							.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), rider, new RiderLocation(rider,
									seq[0], null, points.get(i)[0], points.get(i)[1], 5.0, 0, 5, Instant.now())));
					}
					producer.flush();
					Set<String> heldByA = zoneIds(
							instanceA.get().uri("/api/v1/zones?scope=instance").retrieve().body(LIST));
					Set<String> heldByB = zoneIds(
							instanceB.get().uri("/api/v1/zones?scope=instance").retrieve().body(LIST));
					assertThat(heldByA).as("A holds part of the zones").isNotEmpty();
					assertThat(heldByB).as("B holds the rest").isNotEmpty();
					assertThat(heldByA).as("no zone is held by both").doesNotContainAnyElementsOf(heldByB);
					assertThat(zoneIds(instanceA.get().uri("/api/v1/zones").retrieve().body(LIST))).isEqualTo(zones);
					assertThat(zoneIds(instanceB.get().uri("/api/v1/zones").retrieve().body(LIST))).isEqualTo(zones);
				});

			String zoneOfB = zoneIds(instanceB.get().uri("/api/v1/zones?scope=instance").retrieve().body(LIST))
				.iterator()
				.next();
			assertThat(
					instanceA.get().uri("/api/v1/zones/{zone}/history?scope=instance", zoneOfB).retrieve().body(LIST))
				.as("A does not hold B's zone")
				.isEmpty();
			assertThat(instanceA.get().uri("/api/v1/zones/{zone}/history", zoneOfB).retrieve().body(LIST))
				.as("A fetches it from B")
				.isNotEmpty()
				.allSatisfy((window) -> assertThat(window).containsEntry("zoneId", zoneOfB));

			Map<String, Object> city = instanceA.get()
				.uri("/api/v1/city")
				.retrieve()
				.body(new ParameterizedTypeReference<Map<String, Object>>() {
				});
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> fixes = (List<Map<String, Object>>) city.get("fixes");
			assertThat(fixes).as("some complete window counts every rider of both instances")
				.anySatisfy((window) -> assertThat(window).containsEntry("activeRiders", 24));
		}
	}

	private static Set<String> zoneIds(List<Map<String, Object>> zones) {
		Set<String> ids = new HashSet<>();
		zones.forEach((zone) -> ids.add((String) zone.get("zoneId")));
		return ids;
	}

	private static ConfigurableApplicationContext start(String application, int port) {
		// command-line arguments, so they win over application.yml
		return new SpringApplicationBuilder(AnalyticsServiceApplication.class).run("--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--spring.kafka.streams.application-id=" + application,
				"--ridertrack.analytics.advertised-host=localhost", "--ridertrack.streams.state-dir="
						+ System.getProperty("java.io.tmpdir") + "/ridertrack-it/" + UUID.randomUUID());
	}

}
