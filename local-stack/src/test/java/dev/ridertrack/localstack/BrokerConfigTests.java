package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerConfigTests {

	private final PortLayout ports = PortLayout.defaults();

	@Test
	void singleBrokerIsItsOwnQuorumWithReplicationOne() {
		Map<String, String> p = new BrokerConfig(1, 1, this.ports, "localhost", Path.of("/data/kafka/broker-1"))
			.properties();
		assertThat(p).containsEntry("process.roles", "broker,controller")
			.containsEntry("node.id", "1")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
			.containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
			.containsEntry("controller.listener.names", "CONTROLLER")
			.containsEntry("log.dirs", "/data/kafka/broker-1")
			.containsEntry("auto.create.topics.enable", "false")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1")
			.containsEntry("default.replication.factor", "1")
			.containsEntry("min.insync.replicas", "1");
	}

	@Test
	void threeBrokersFormOneQuorumAndReplicateThreeTimesRequiringTwo() {
		Map<String, String> p = new BrokerConfig(2, 3, this.ports, "localhost", Path.of("/data/kafka/broker-2"))
			.properties();
		assertThat(p).containsEntry("node.id", "2")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
			.containsEntry("advertised.listeners", "PLAINTEXT://localhost:9094")
			.containsEntry("offsets.topic.replication.factor", "3")
			.containsEntry("transaction.state.log.replication.factor", "3")
			.containsEntry("transaction.state.log.min.isr", "2")
			.containsEntry("default.replication.factor", "3")
			.containsEntry("min.insync.replicas", "2");
	}

	@Test
	void idleControllerWritesItsLivenessRecordEveryFiveSecondsNotTwiceASecond() {
		assertThat(new BrokerConfig(1, 3, this.ports, "localhost", Path.of("/data/kafka/broker-1")).properties())
			.containsEntry("metadata.max.idle.interval.ms", "5000")
			.containsEntry("replica.fetch.wait.max.ms", "2000");
	}

	@Test
	void brokerJvmUsesTheSerialCollectorAndASmallHeap() {
		assertThat(BrokerConfig.JVM_OPTIONS).contains("-XX:+UseSerialGC", "-Xmx384m")
			.noneMatch((o) -> o.contains("G1"));
	}

	@Test
	void rendersAPropertiesFileKafkaCanRead() throws Exception {
		String text = new BrokerConfig(1, 1, this.ports, "localhost", Path.of("/data/kafka/broker-1")).render();
		java.util.Properties properties = new java.util.Properties();
		properties.load(new java.io.StringReader(text));
		assertThat(properties).containsEntry("node.id", "1").containsEntry("auto.create.topics.enable", "false");
	}

}
