package dev.ridertrack.tracking.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher on its own, against a cluster that is there and one that is not.
 */
class ClusterWatcherIntegrationTests {

	@Test
	void saysInWordsThatTheClusterCannotBeReached() {
		ClusterWatcher watcher = watcher("127.0.0.1:" + Infrastructure.freePort());
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				ClusterView cluster = watcher.snapshot().cluster();
				assertThat(cluster.reachable()).isFalse();
				assertThat(cluster.error()).contains("no answer from the cluster");
			});
		}
		finally {
			watcher.stop();
		}
		assertThat(watcher.isRunning()).isFalse();
	}

	@Test
	void pollsTheClusterUntilStopped() {
		ClusterWatcher watcher = watcher(Infrastructure.kafkaBootstrapServers());
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				ClusterSnapshot snapshot = watcher.snapshot();
				assertThat(snapshot.cluster().reachable()).isTrue();
				assertThat(snapshot.cluster().clusterId()).isNotBlank();
				assertThat(snapshot.cluster().brokers()).isNotEmpty().allMatch(ClusterView.Broker::up);
			});
		}
		finally {
			watcher.stop();
		}
		var polledAt = watcher.snapshot().polledAt();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(watcher.snapshot().polledAt()).isEqualTo(polledAt));
	}

	private static ClusterWatcher watcher(String bootstrap) {
		KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
		KafkaPageProperties properties = new KafkaPageProperties(Duration.ofMillis(300), Duration.ofMillis(300),
				Duration.ofSeconds(30), Duration.ofSeconds(1), 4, Duration.ofMinutes(35), 100, true);
		return new ClusterWatcher(admin, properties, Clock.systemUTC());
	}

}
