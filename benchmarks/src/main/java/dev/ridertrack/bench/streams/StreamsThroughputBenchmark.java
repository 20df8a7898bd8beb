package dev.ridertrack.bench.streams;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.TopicSpec;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.TestStateDirs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.UrlResource;

import org.springframework.util.FileSystemUtils;

/**
 * How many fixes per second the topology sustains on a real broker (the embedded KRaft
 * broker of test-support, in this JVM, unless {@code -Dbootstrap=host:port}). Produces
 * {@code fixes} fixes of {@code riders} riders (half of them on an order) first, then
 * starts the topology and times it draining the backlog: the rate is the most it can
 * sustain. CPU is the stream thread's own and the whole process's (broker included). With
 * a third argument, a rate in fixes/s, the topology runs first and the fixes are produced
 * at that pace instead, sampling the lag every second: the maximum lag shows whether it
 * keeps up. Arguments: fixes (1000000), riders (20000), [rate].
 */
public final class StreamsThroughputBenchmark {

	private StreamsThroughputBenchmark() {
	}

	/**
	 * Runs the benchmark for one topology and prints its figures.
	 * @param name the service's name, for the application id and the report
	 * @param service a class of the service, whose {@code application.yml} has the
	 * settings the topology runs with
	 * @param topology adds the topology under test to a builder
	 * @param args fixes (1000000), riders (20000), [rate]
	 * @throws Exception if the broker or the topology fails
	 */
	public static void run(String name, Class<?> service, Consumer<StreamsBuilder> topology, String[] args)
			throws Exception {
		String applicationId = name + "-throughput";
		int fixes = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int riders = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		int rate = (args.length > 2) ? Integer.parseInt(args[2]) : 0;
		String bootstrap = System.getProperty("bootstrap", null);
		if (bootstrap == null) {
			bootstrap = Infrastructure.kafkaBootstrapServers();
		}
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			List<NewTopic> topics = new ArrayList<>();
			for (TopicSpec<String, ?> spec : Topics.all()) {
				topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config(1)));
			}
			try {
				admin.createTopics(topics).all().get();
			}
			catch (Exception ex) {
				// already there
			}
			if (rate == 0) {
				long produceStart = System.nanoTime();
				produce(bootstrap, fixes, riders, 0);
				double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
				System.out.printf("produced %,d fixes of %,d riders in %.1f s (%,.0f/s)%n", fixes, riders,
						produceSeconds, fixes / produceSeconds);
			}

			Path stateDir = TestStateDirs.create(applicationId);
			StreamsBuilder builder = new StreamsBuilder();
			topology.accept(builder);
			Properties config = new Properties();
			config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
			config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
			config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
			config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
			config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
			Properties settings = serviceStreamsProperties(service);
			System.out.println("the service's Kafka Streams settings (application.yml): " + settings);
			config.putAll(settings);
			config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Duration processStart = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
			long start = System.nanoTime();
			try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
				streams.start();
				Thread producing = null;
				if (rate > 0) {
					while (streams.state() != KafkaStreams.State.RUNNING) {
						java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
					}
					String servers = bootstrap;
					producing = new Thread(() -> {
						try {
							produce(servers, fixes, riders, rate);
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
					});
					producing.start();
					start = System.nanoTime();
					processStart = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
				}
				long lag;
				long maxLag = 0;
				do {
					lag = lag(admin, applicationId, Topics.RIDER_LOCATIONS.name());
					maxLag = Math.max(maxLag, lag);
					System.out.printf("  %5.1f s  lag %,d  state %s%n", (System.nanoTime() - start) / 1e9, lag,
							streams.state());
					if (lag > 0 || (producing != null && producing.isAlive())) {
						java.util.concurrent.locks.LockSupport
							.parkNanos(Duration.ofSeconds((rate > 0) ? 1 : 2).toNanos());
					}
				}
				while (lag > 0 || (producing != null && producing.isAlive()));
				if (rate > 0) {
					System.out.printf("paced at %,d fixes/s: max lag %,d fixes (%.1f s of input)%n", rate, maxLag,
							maxLag / (double) rate);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				long streamThreadCpu = streamThreadCpuNanos(threads);
				Duration processCpu = ProcessHandle.current()
					.info()
					.totalCpuDuration()
					.orElse(Duration.ZERO)
					.minus(processStart);
				System.out.printf(
						"%s topology: %,d fixes in %.1f s = %,.0f fixes/s (start-up and rebalance included); "
								+ "stream thread CPU %.1f s (%.0f µs/fix), process CPU %.1f s (%.0f%% of one core)%n",
						name, fixes, seconds, fixes / seconds, streamThreadCpu / 1e9, streamThreadCpu / 1e3 / fixes,
						processCpu.toMillis() / 1e3, 100.0 * processCpu.toMillis() / 1e3 / seconds);
				streams.close(Duration.ofSeconds(10));
			}
			finally {
				FileSystemUtils.deleteRecursively(stateDir);
			}
		}
		System.exit(0);
	}

	/**
	 * The service's own {@code spring.kafka.streams.properties} from the
	 * {@code application.yml} beside its classes (every service has one on this
	 * classpath), without the ones that need Spring's placeholders: the benchmark runs
	 * the topology as the service does.
	 */
	private static Properties serviceStreamsProperties(Class<?> service) throws Exception {
		java.net.URL classes = service.getProtectionDomain().getCodeSource().getLocation();
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new UrlResource(
				classes.toString().endsWith(".jar") ? new java.net.URL("jar:" + classes + "!/application.yml")
						: new java.net.URL(classes, "application.yml")));
		Properties all = yaml.getObject();
		Properties streams = new Properties();
		String prefix = "spring.kafka.streams.properties.";
		if (all != null) {
			all.forEach((key, value) -> {
				if (key.toString().startsWith(prefix) && !value.toString().contains("${")) {
					streams.put(key.toString().substring(prefix.length()), value.toString());
				}
			});
		}
		return streams;
	}

	private static void produce(String bootstrap, int fixes, int riders, int rate) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		Random random = new Random(1);
		Instant t0 = Instant.now().minusSeconds(fixes / Math.max(1, riders) + 60);
		AtomicLong failed = new AtomicLong();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				EventJson.serializer())) {
			for (int r = 0; r < riders; r += 2) {
				String rider = String.format("rider-%06d", r);
				String order = "order-" + r;
				Place restaurant = new Place("r" + r, "r", 19.07 + random.nextDouble() * 0.1,
						72.85 + random.nextDouble() * 0.1);
				Place customer = new Place("c" + r, "c", 19.07 + random.nextDouble() * 0.1,
						72.85 + random.nextDouble() * 0.1);
				producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), order,
						new OrderEvent(order, rider, OrderStatus.ASSIGNED, restaurant, customer, t0)));
			}
			producer.flush();
			double[] lat = new double[riders];
			double[] lon = new double[riders];
			long[] seq = new long[riders];
			for (int r = 0; r < riders; r++) {
				lat[r] = 19.0 + random.nextDouble() * 0.2;
				lon[r] = 72.8 + random.nextDouble() * 0.15;
			}
			long paceStart = System.nanoTime();
			for (int i = 0; i < fixes; i++) {
				if (rate > 0 && i % 500 == 0) {
					long due = paceStart + (long) (i * 1e9 / rate);
					long wait = due - System.nanoTime();
					if (wait > 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(wait);
					}
				}
				int r = i % riders;
				lat[r] += (random.nextDouble() - 0.5) * 0.0002;
				lon[r] += (random.nextDouble() - 0.5) * 0.0002;
				String rider = String.format("rider-%06d", r);
				Instant at = t0.plusMillis(1000L * (i / riders) + r % 1000);
				producer
					.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), rider, new RiderLocation(rider, ++seq[r],
							(r % 2 == 0) ? "order-" + r : null, lat[r], lon[r], random.nextDouble() * 10, 0, 5, at)),
							(metadata, ex) -> {
								if (ex != null) {
									failed.incrementAndGet();
								}
							});
			}
			producer.flush();
		}
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " fixes were not acknowledged");
		}
	}

	private static long lag(Admin admin, String applicationId, String topic) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get();
		List<TopicPartition> partitions = new ArrayList<>();
		for (int p = 0; p < Topics.RIDER_LOCATIONS.partitions(); p++) {
			partitions.add(new TopicPartition(topic, p));
		}
		Map<TopicPartition, OffsetSpec> latest = partitions.stream()
			.collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			OffsetAndMetadata done = committed.get(end.getKey());
			lag += end.getValue().offset() - ((done != null) ? done.offset() : 0);
		}
		return lag;
	}

	private static long streamThreadCpuNanos(ThreadMXBean threads) {
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().contains("StreamThread")) {
				total += threads.getThreadCpuTime(info.getThreadId());
			}
		}
		return total;
	}

}
