package dev.ridertrack.tracking;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share the tracking group's partitions, yet one browser connected to
 * either sees every rider.
 */
class TwoInstancesIntegrationTests {

	@Test
	void aClientOfOneInstanceSeesEveryRiderWhileTheGroupSplitsThePartitions() {
		String run = UUID.randomUUID().toString().substring(0, 6);
		// a group of its own, so contexts of other test classes do not join the split
		String group = "tracking-two-" + run;
		try (ConfigurableApplicationContext a = start(group);
				ConfigurableApplicationContext b = start(group);
				Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers())) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(assigned(a)).isNotEmpty();
				assertThat(assigned(b)).isNotEmpty();
				Set<Integer> all = new HashSet<>(assigned(a));
				all.addAll(assigned(b));
				assertThat(all).hasSize(12);
				assertThat(assigned(a)).doesNotContainAnyElementsOf(assigned(b));
			});
			int port = ((WebServerApplicationContext) b).getWebServer().getPort();
			try (LiveClient client = LiveClient.connect("ws://127.0.0.1:" + port + "/ws/live", "test-operator", null)) {
				client.viewport(-90, -180, 90, 180);
				Set<String> riders = new HashSet<>();
				for (int i = 0; i < 200; i++) {
					String rider = String.format("rider-%s-%06d", run, i);
					riders.add(rider);
					fixes.send(Fixes.fix(rider, 1, 35.0 + i * 0.001, 139.0 + i * 0.001));
				}
				fixes.flush();
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(client.seen.keySet()).containsAll(riders));
			}
		}
	}

	private static ConfigurableApplicationContext start(String group) {
		// command-line arguments, so they win over application.yml
		return new SpringApplicationBuilder(TrackingServiceApplication.class).profiles("test")
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
					"--spring.data.redis.host=" + Infrastructure.redis().getHostString(),
					"--spring.data.redis.port=" + Infrastructure.redis().getPort(),
					"--spring.kafka.consumer.group-id=" + group);
	}

	private static Set<Integer> assigned(ConfigurableApplicationContext context) {
		Collection<TopicPartition> partitions = context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("tracking-locations")
			.getAssignedPartitions();
		Set<Integer> numbers = new HashSet<>();
		if (partitions != null) {
			partitions.forEach((tp) -> numbers.add(tp.partition()));
		}
		return numbers;
	}

}
