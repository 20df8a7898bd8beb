package dev.ridertrack.testsupport;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.TopicSpec;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import org.springframework.util.FileSystemUtils;

/**
 * A Kafka Streams topology under {@link TopologyTestDriver}, with the catalog's topics as
 * test topics in the events' JSON, and its state in a directory of its own that goes when
 * the fixture closes. One per test: <pre>
 * fixture = TopologyFixture.start("eta", (builder) -> EtaTopology.build(builder, settings), T0);
 * fixture.input(Topics.RIDER_LOCATIONS).pipeInput(...);
 * </pre>
 */
public final class TopologyFixture implements AutoCloseable {

	private final TopologyTestDriver driver;

	private final Path stateDir;

	private TopologyFixture(TopologyTestDriver driver, Path stateDir) {
		this.driver = driver;
		this.stateDir = stateDir;
	}

	/**
	 * Builds the topology and starts the driver.
	 * @param applicationId the application id, as the service's
	 * @param topology adds the topology under test to a builder
	 * @param start the driver's wall-clock time at start
	 * @return the running fixture
	 * @throws Exception if the state directory cannot be made
	 */
	public static TopologyFixture start(String applicationId, Consumer<StreamsBuilder> topology, Instant start)
			throws Exception {
		StreamsBuilder builder = new StreamsBuilder();
		topology.accept(builder);
		Path stateDir = TestStateDirs.create(applicationId + "-topology");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		return new TopologyFixture(new TopologyTestDriver(builder.build(), config, start), stateDir);
	}

	/**
	 * @param <V> the topic's event type
	 * @param topic a topic of the catalog
	 * @return a topic the test writes events to
	 */
	public <V> TestInputTopic<String, V> input(TopicSpec<String, V> topic) {
		return this.driver.createInputTopic(topic.name(), new StringSerializer(), EventJson.serializer());
	}

	/**
	 * @param <V> the topic's event type
	 * @param topic a topic of the catalog
	 * @return a topic the test reads the topology's events from
	 */
	public <V> TestOutputTopic<String, V> output(TopicSpec<String, V> topic) {
		return this.driver.createOutputTopic(topic.name(), new StringDeserializer(),
				EventJson.deserializer(topic.valueType()));
	}

	/**
	 * @return the driver, for its stores, clock and metrics
	 */
	public TopologyTestDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		this.driver.close();
		FileSystemUtils.deleteRecursively(this.stateDir.toFile());
	}

}
