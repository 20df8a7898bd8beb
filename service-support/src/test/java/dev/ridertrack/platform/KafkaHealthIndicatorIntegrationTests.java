package dev.ridertrack.platform;

import java.util.Map;

import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorIntegrationTests {

	@Test
	void upWhileTheBrokerAnswers() {
		KafkaHealthIndicator indicator = indicatorFor(Infrastructure.kafkaBootstrapServers());
		try {
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void downWhenNoBrokerAnswers() {
		KafkaHealthIndicator indicator = indicatorFor("127.0.0.1:" + Infrastructure.freePort());
		try {
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void unknownWithoutAWarningWhenTheCheckIsCancelled() {
		KafkaHealthIndicator indicator = indicatorFor(Infrastructure.kafkaBootstrapServers());
		try {
			// what a cancelled reactive health request does to the thread running it
			Thread.currentThread().interrupt();
			Health health = indicator.health(true);
			assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("reason", "the health check was cancelled");
		}
		finally {
			Thread.interrupted();
			indicator.destroy();
		}
	}

	private static KafkaHealthIndicator indicatorFor(String bootstrapServers) {
		return new KafkaHealthIndicator(new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000)));
	}

}
