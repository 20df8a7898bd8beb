package dev.ridertrack.platform.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka Streams service stopped gracefully leaves its consumer group at once, so its
 * partitions move to the other instances in seconds (lesson 4 scales analytics and eta
 * down). Kafka Streams' own default is to stay a member until the session timeout; here
 * that is a minute, so a member still there after 20 s would fail the test.
 */
class LeaveGroupOnCloseIntegrationTests {

	private final String application = "leave-check-" + UUID.randomUUID().toString().substring(0, 8);

	@TempDir
	Path stateDir;

	@Test
	void aStoppedStreamsInstanceLeavesItsGroupWithoutWaitingForTheSessionTimeout() throws Exception {
		String topic = this.application + "-in";
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
			ApplicationContextRunner runner = new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(KafkaAutoConfiguration.class, StreamsSupportAutoConfiguration.class))
				.withUserConfiguration(Topology.class)
				.withPropertyValues("spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
						"spring.kafka.streams.application-id=" + this.application,
						"spring.kafka.streams.state-dir=" + this.stateDir, "leave-check.topic=" + topic,
						"spring.kafka.streams.properties.session.timeout.ms=60000");
			runner.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(60)).until(() -> members(admin) == 1);
				((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
				await().atMost(Duration.ofSeconds(20)).until(() -> members(admin) == 0);
			});
		}
	}

	private int members(Admin admin) throws Exception {
		return admin.describeConsumerGroups(List.of(this.application))
			.all()
			.get(10, TimeUnit.SECONDS)
			.get(this.application)
			.members()
			.size();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafkaStreams
	static class Topology {

		@Bean
		KStream<byte[], byte[]> passThrough(StreamsBuilder builder,
				org.springframework.core.env.Environment environment) {
			KStream<byte[], byte[]> stream = builder.stream(environment.getRequiredProperty("leave-check.topic"),
					Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
			stream.foreach((key, value) -> {
			});
			return stream;
		}

	}

}
