package dev.ridertrack.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stacks for tests: on a block of free ports (never the usual ones, so a running stack is
 * left alone) and a data directory of the test's own.
 */
final class TestStacks {

	private TestStacks() {
	}

	static Path root() {
		String root = System.getProperty("ridertrack.root");
		return ((root != null) ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
	}

	static boolean serviceJarsBuilt() {
		return ServiceDefinition.ALL.stream().allMatch((service) -> Files.exists(service.jar(root())));
	}

	static Stack stack(Path dataDir, String... args) {
		return stack(dataDir, new Console(System.out, false), args);
	}

	/**
	 * A stack printing to a console of the test's choosing (to read what it printed).
	 */
	static Stack stack(Path dataDir, Console console, String... args) {
		List<String> all = new ArrayList<>(List.of("--root", root().toString(), "--data", dataDir.toString(),
				"--ports-from", Integer.toString(freePortBlock())));
		all.addAll(List.of(args));
		StackOptions options = StackOptions.parse(all, Map.of(), root());
		return new Stack(options, console, Map.of(), () -> {
		});
	}

	/**
	 * A block of free ports below Linux's ephemeral range (32768–60999): a port in that
	 * range, free when chosen, can become the local end of some client's connection
	 * before the service binds it ("Port … was already in use", seen in CI with three
	 * brokers' worth of connections).
	 */
	static int freePortBlock() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int first = ThreadLocalRandom.current().nextInt(10000, 32768 - PortLayout.BLOCK_SIZE);
			if (IntStream.range(first, first + PortLayout.BLOCK_SIZE).allMatch(Ports::isFree)) {
				return first;
			}
		}
		throw new IllegalStateException("No block of " + PortLayout.BLOCK_SIZE + " free ports");
	}

	static RiderLocation fix(String riderId, long seq) {
		return new RiderLocation(riderId, seq, null, 52.52, 13.405, 4.2, 90.0, 5.0,
				Instant.parse("2026-11-22T05:00:00Z"));
	}

	static KafkaProducer<String, RiderLocation> producer(String bootstrapServers) {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(props, new StringSerializer(), EventJson.serializer());
	}

	static KafkaConsumer<String, RiderLocation> consumer(String bootstrapServers, String group) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(props, new StringDeserializer(), EventJson.deserializer(RiderLocation.class));
	}

	static List<RiderLocation> consumeAll(KafkaConsumer<String, RiderLocation> consumer, List<RiderLocation> seen) {
		consumer.poll(Duration.ofMillis(500)).forEach((record) -> seen.add(record.value()));
		consumer.commitSync();
		return seen;
	}

	static boolean gone(long pid) {
		return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
	}

}
