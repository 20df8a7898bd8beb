package dev.ridertrack.dbwriter.ingest;

import java.util.Map;

import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.HistoryProperties;
import dev.ridertrack.dbwriter.store.HistoryProperties.FixStorage;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The batching is Kafka's own fetch: {@code max.poll.records} caps a poll at the batch
 * size, and the broker holds a fetch until {@code fetch.min.bytes} have gathered or
 * {@code fetch.max.wait.ms} (the batch age) has passed. So a poll is full when the stream
 * is fast or behind, and at most about the batch age old when it is slow; each poll is
 * one flush and the container commits its offsets after the flush returned. No records
 * are held across polls, so a rebalance or a crash can never commit a fix that is not in
 * MongoDB.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	/**
	 * The bytes the broker gathers for the order consumer before it answers a fetch
	 * early: more than the order events of a batch age at the default load (a few KB), so
	 * the batch age sets its pace.
	 */
	private static final int ORDERS_FETCH_MIN_BYTES = 16384;

	@Bean
	FixListener fixListener(MongoTemplate mongo, WriterProperties properties, HistoryProperties history,
			MeterRegistry meters) {
		return new FixListener(fixStore(mongo, properties, history), properties.mode(), meters);
	}

	/**
	 * One document per fix (time-ordered ids by default) or buckets, as the history's
	 * storage says; the naive baseline writes one document per fix to {@code fixes}
	 * whatever the storage says (and needs {@code plain} to be read).
	 */
	private static FixStore fixStore(MongoTemplate mongo, WriterProperties properties, HistoryProperties history) {
		if (properties.mode() == WriterProperties.Mode.NAIVE) {
			return new OneByOneFixStore(mongo.getCollection(Collections.FIXES));
		}
		if (history.storage() == FixStorage.BUCKETS) {
			return new BucketFixStore(mongo.getCollection(Collections.FIX_BUCKETS), history.bucketWindow());
		}
		if (history.storage() == FixStorage.TIME_ORDERED) {
			return new BulkFixStore(mongo.getCollection(Collections.FIXES_BY_TIME), FixDocuments.TIME_RIDER_SEQ);
		}
		return new BulkFixStore(mongo.getCollection(Collections.FIXES), FixDocuments.RIDER_SEQ);
	}

	@Bean
	OrderListener orderListener(MongoTemplate mongo, MeterRegistry meters) {
		return new OrderListener(new OrderStore(mongo.getCollection(Collections.ORDERS)), meters);
	}

	/**
	 * Poison records go to {@code <topic>.DLT} as the bytes that arrived. Any other
	 * failure is MongoDB not taking a flush, reported as a failure of the batch's first
	 * record: the handler commits nothing, seeks back, waits (growing back-off, capped at
	 * {@code retry-max}) and the same fixes are delivered again, without limit, until
	 * MongoDB takes them. The shared handler gives up after two retries and would
	 * dead-letter a whole batch during a MongoDB restart, hence this one.
	 */
	@Bean
	DefaultErrorHandler historyErrorHandler(KafkaProperties kafkaProperties, WriterProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retryMax().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetters.recoverer(kafkaProperties), backOff);
		// Deserialization failures are not retryable already; neither is an incomplete
		// event.
		handler.addNotRetryableExceptions(Poison.InvalidRecordException.class);
		return handler;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, RiderLocation> fixListenerContainerFactory(
			KafkaProperties kafkaProperties, WriterProperties properties, DefaultErrorHandler historyErrorHandler,
			MeterRegistry meters) {
		Map<String, Object> config = kafkaProperties.buildConsumerProperties();
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, properties.fetchMinBytes());
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.batchAge().toMillis());
		return factory(config, EventJson.deserializer(RiderLocation.class), properties.concurrency(),
				historyErrorHandler, meters);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, OrderEvent> orderListenerContainerFactory(
			KafkaProperties kafkaProperties, WriterProperties properties, DefaultErrorHandler historyErrorHandler,
			MeterRegistry meters) {
		// Order events come a few a second, so with fetch.min.bytes 1 each one was a
		// fetch of its own, a MongoDB write and an offset commit: 12 of the broker's 66
		// requests a second at the default load (issue 14). Batched like the fixes
		// instead: a fetch, a write and a commit per batch age, and an order's history
		// at most that late.
		Map<String, Object> config = kafkaProperties.buildConsumerProperties();
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, ORDERS_FETCH_MIN_BYTES);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.batchAge().toMillis());
		return factory(config, EventJson.deserializer(OrderEvent.class), 1, historyErrorHandler, meters);
	}

	private static <T> ConcurrentKafkaListenerContainerFactory<String, T> factory(Map<String, Object> config,
			Deserializer<T> valueDeserializer, int concurrency, DefaultErrorHandler errorHandler,
			MeterRegistry meters) {
		DefaultKafkaConsumerFactory<String, T> consumers = new DefaultKafkaConsumerFactory<>(config,
				new StringDeserializer(), new ErrorHandlingDeserializer<>(valueDeserializer));
		// Exposes the client's metrics, among them
		// kafka.consumer.fetch.manager.records.lag.max.
		consumers.addListener(new MicrometerConsumerListener<>(meters));
		ConcurrentKafkaListenerContainerFactory<String, T> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.setBatchListener(true);
		factory.setConcurrency(concurrency);
		factory.setCommonErrorHandler(errorHandler);
		// BATCH: the offsets of a poll are committed after the listener returned for it.
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		return factory;
	}

}
