package dev.ridertrack.tracking.state;

import java.time.Duration;
import java.util.Map;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.ZoneStats;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * One batch listener container factory per event type. Values are read with the shared
 * {@link EventJson} deserializer inside an {@link ErrorHandlingDeserializer}, so a poison
 * record reaches the listener as a failure it reports by index, and the platform's error
 * handler sends it to the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class KafkaListenersConfiguration {

	/**
	 * At most this long from a record written to Redis to its offset committed (orders,
	 * ETAs).
	 */
	static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, RiderLocation> locationListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties) {
		// Bigger polls give the coalescing more to merge and Redis longer pipelines.
		// Fewer, fuller fetches: under load the broker would answer each fetch with the
		// few ms of fixes since the last one. Waiting for 64 KB, at most 1 s, saves the
		// broker and this consumer most of their per-fetch work. At a gentle load Redis
		// positions are at most that much later (2,000 riders fill 64 KB in about a
		// second); the live map has its own consumer. The wait is also the fetch rate of
		// an idle stack: once a second, not ten times (issue 14).
		return factory(configurer, properties, RiderLocation.class, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
				ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, OrderEvent> orderListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties) {
		// fetched as soon as an event is there (not lowRate): an order page re-reads the
		// order from Redis when the live feed sees its event, and waits for Redis to
		// show it (OrderPages), so a Redis that trails the feed delays the page. The wait
		// only paces an idle topic's empty fetches: one a second (issue 14).
		return committingOnATimer(factory(configurer, properties, OrderEvent.class,
				Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000)));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, EtaUpdate> etaListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties) {
		return committingOnATimer(factory(configurer, properties, EtaUpdate.class, lowRate(500, 1000)));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, ZoneStats> zoneStatsListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties) {
		// no group: the zone listener is assigned every partition and seeks back on start
		// (every dashboard shows the whole city); with no group id Spring Kafka commits
		// nothing, where committing in group "tracking" beside its members would fail
		return factory(configurer, properties, ZoneStats.class, lowRate(2000, 2000), ConsumerConfig.GROUP_ID_CONFIG);
	}

	/**
	 * Topics of a few records a second (ETAs, zone stats): with {@code fetch.min.bytes} 1
	 * the broker answered every produce to them with a fetch of one or two records.
	 * Waiting for 16 KB makes that one fetch per wait, and delays what the pages show by
	 * at most the wait: an ETA in minutes 1 s, a zone's one-minute counts 2 s. The wait
	 * is also what the listener costs an idle stack: each fetch is a request the broker
	 * parks and answers empty (issue 14; 500 ms for both cost the idle stack 0.3 % of a
	 * core more).
	 */
	private static Map<String, Object> lowRate(int maxPollRecords, int fetchMaxWaitMs) {
		return Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords, ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
				16384, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
	}

	/**
	 * Commits what the listener has written at most twice a second, whatever the poll
	 * rate, instead of after every poll: each commit is a request to the group
	 * coordinator and a record in {@code __consumer_offsets} (written three times with
	 * three brokers). Still at-least-once: only offsets of records already written to
	 * Redis are committed, and a revoked partition's are committed before it goes. The
	 * cost is apparent lag: the Kafka page reads committed offsets, so a record shows as
	 * lag until its commit, at most {@link #COMMIT_INTERVAL} after it was written: the
	 * timer (half of it) is checked after every poll, and the poll timeout (the other
	 * half) makes a poll that brings nothing return and check it too. A shorter poll
	 * timeout would wake the idle container more often than its fetches do.
	 */
	private static <T> ConcurrentKafkaListenerContainerFactory<String, T> committingOnATimer(
			ConcurrentKafkaListenerContainerFactory<String, T> factory) {
		ContainerProperties container = factory.getContainerProperties();
		container.setAckMode(ContainerProperties.AckMode.TIME);
		container.setAckTime(COMMIT_INTERVAL.toMillis() / 2);
		container.setPollTimeout(COMMIT_INTERVAL.toMillis() / 2);
		return factory;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <T> ConcurrentKafkaListenerContainerFactory<String, T> factory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties, Class<T> type,
			Map<String, Object> settings, String... withoutProperties) {
		Map<String, Object> config = properties.buildConsumerProperties();
		for (String property : withoutProperties) {
			config.remove(property);
		}
		// The classic protocol's heartbeat thread wakes every retry.backoff.ms to see
		// whether a heartbeat is due: 1 s, not 100 ms, wakes an idle service less (issue
		// 14, performance.md). A failed request is retried after 1 s instead of 0.1 s.
		config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 1000);
		config.putAll(settings);
		ConsumerFactory<String, T> consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
				new ErrorHandlingDeserializer<>(EventJson.deserializer(type)));
		ConcurrentKafkaListenerContainerFactory<String, T> factory = new ConcurrentKafkaListenerContainerFactory<>();
		// applies Boot's container settings and the platform's dead-letter error handler
		configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) consumers);
		factory.setBatchListener(true);
		return factory;
	}

}
