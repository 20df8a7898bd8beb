package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends fixes and order events straight to Kafka with one producer: the scale mode, and
 * the simulated order system in every mode. Every send's outcome is counted; failures are
 * logged.
 */
final class KafkaPublisher implements FixSink {

	private static final Log logger = LogFactory.getLog(KafkaPublisher.class);

	private final Producer<String, Object> producer;

	private final LoadStats stats;

	private final FailureLog fixFailures = new FailureLog(logger, "fix");

	private final FailureLog orderFailures = new FailureLog(logger, "order event");

	KafkaPublisher(Map<String, Object> springProducerProperties, LoadStats stats) {
		this.producer = new KafkaProducer<>(config(springProducerProperties), new StringSerializer(),
				EventJson.<Object>serializer());
		this.stats = stats;
	}

	/**
	 * Spring's producer settings with what a high-rate, lossless producer needs on top:
	 * every write acknowledged by all in-sync replicas, idempotent retries, and large lz4
	 * batches, which is where Kafka's throughput comes from.
	 */
	static Map<String, Object> config(Map<String, Object> base) {
		Map<String, Object> config = new HashMap<>(base);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "load-generator");
		return config;
	}

	@Override
	public void send(int rider, RiderLocation fix) {
		this.stats.fixesAttempted.increment();
		long started = System.nanoTime();
		try {
			this.producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), fix.riderId(), fix),
					(metadata, ex) -> {
						if (ex == null) {
							this.stats.fixesSent.increment();
							this.stats.recordLatency(System.nanoTime() - started);
						}
						else {
							this.stats.fixesFailed.increment();
							this.fixFailures.failed(fix.fixId(), ex);
						}
					});
		}
		catch (RuntimeException ex) {
			this.stats.fixesFailed.increment();
			this.fixFailures.failed(fix.fixId(), ex);
		}
	}

	void sendOrder(OrderEvent event) {
		try {
			this.producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), event.orderId(), event),
					(metadata, ex) -> {
						if (ex != null) {
							this.stats.orderEventsFailed.increment();
							this.orderFailures.failed(event.orderId() + " " + event.status(), ex);
						}
					});
		}
		catch (RuntimeException ex) {
			this.stats.orderEventsFailed.increment();
			this.orderFailures.failed(event.orderId() + " " + event.status(), ex);
		}
	}

	@Override
	public void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
