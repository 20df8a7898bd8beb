package dev.ridertrack.eta.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import dev.ridertrack.eta.estimate.EtaProperties;
import dev.ridertrack.eta.estimate.EtaTopology;
import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the recorded order events and fixes of some riders through the ETA topology again
 * ({@code TopologyTestDriver}) with other settings: what the published ETAs would have
 * been. Same input, same code, only the settings differ.
 */
final class Replay {

	private Replay() {
	}

	/**
	 * The settings eta-service runs with: its {@code application.yml}, then the given
	 * overrides ({@code expected-prep=5m}, relative to {@code ridertrack.eta}).
	 */
	static EtaProperties settings(Map<String, String> overrides) {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			Map<String, Object> prefixed = new HashMap<>();
			overrides.forEach((key, value) -> prefixed.put("ridertrack.eta." + key, value));
			environment.getPropertySources().addFirst(new MapPropertySource("overrides", prefixed));
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
			.bindOrCreate("ridertrack.eta", EtaProperties.class);
	}

	/** Published ETAs by order id, as the topology with these settings publishes them. */
	static Map<String, List<Recording.Published>> run(Recording recording, Set<String> riders, EtaProperties settings)
			throws IOException {
		List<OrderEvent> orders = recording.orderEvents.stream()
			.filter((event) -> riders.contains(riderOf(recording, event.orderId())))
			.sorted((a, b) -> a.at().compareTo(b.at()))
			.toList();
		List<RiderLocation> fixes = recording.onOrderFixes.stream()
			.filter((fix) -> riders.contains(fix.riderId()))
			.sorted((a, b) -> a.recordedAt().compareTo(b.recordedAt()))
			.toList();
		StreamsBuilder builder = new StreamsBuilder();
		EtaTopology.build(builder, settings);
		// The driver commits, and so writes a checkpoint, after every record: tmpfs if
		// any.
		Path shm = Path.of("/dev/shm");
		Path stateDir = (Files.isDirectory(shm) && Files.isWritable(shm)) ? Files.createTempDirectory(shm, "eta-e2e")
				: Files.createTempDirectory("eta-e2e");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "eta-end-to-end-replay");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		Map<String, List<Recording.Published>> published = new HashMap<>();
		Instant start = orders.isEmpty() ? Instant.EPOCH : orders.get(0).at();
		try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config, start)) {
			TestInputTopic<String, OrderEvent> orderTopic = driver.createInputTopic(Topics.ORDER_EVENTS.name(),
					new StringSerializer(), EventJson.serializer());
			TestInputTopic<String, RiderLocation> fixTopic = driver.createInputTopic(Topics.RIDER_LOCATIONS.name(),
					new StringSerializer(), EventJson.serializer());
			TestOutputTopic<String, EtaUpdate> updates = driver.createOutputTopic(Topics.ETA_UPDATES.name(),
					new StringDeserializer(), EventJson.deserializer(EtaUpdate.class));
			int o = 0;
			int f = 0;
			while (o < orders.size() || f < fixes.size()) {
				// Time order; an order event before a fix of the same instant, as the
				// rider's app only names an order after it was assigned.
				if (f >= fixes.size()
						|| (o < orders.size() && !orders.get(o).at().isAfter(fixes.get(f).recordedAt()))) {
					OrderEvent event = orders.get(o++);
					orderTopic.pipeInput(event.orderId(), event, event.at());
				}
				else {
					RiderLocation fix = fixes.get(f++);
					fixTopic.pipeInput(fix.riderId(), fix, fix.recordedAt());
				}
				if ((o + f) % 5000 == 0) {
					drain(updates, published);
				}
			}
			drain(updates, published);
		}
		finally {
			FileSystemUtils.deleteRecursively(stateDir);
		}
		return published;
	}

	private static String riderOf(Recording recording, String orderId) {
		Recording.Order order = recording.orders.get(orderId);
		return (order != null) ? order.riderId : null;
	}

	private static void drain(TestOutputTopic<String, EtaUpdate> updates,
			Map<String, List<Recording.Published>> published) {
		for (KeyValue<String, EtaUpdate> record : updates.readKeyValuesToList()) {
			long computedAt = record.value.computedAt().toEpochMilli();
			published.computeIfAbsent(record.key, (id) -> new ArrayList<>())
				.add(new Recording.Published(computedAt, computedAt + record.value.etaSeconds() * 1000));
		}
	}

}
