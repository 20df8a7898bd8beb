package dev.ridertrack.tracking;

import java.time.Instant;
import java.util.Map;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events to the broker the way the real producers do (JSON, key = id), and raw
 * bytes for poison records.
 */
public final class Fixes implements AutoCloseable {

	private final KafkaProducer<String, Object> producer;

	private final KafkaProducer<String, byte[]> raw;

	public Fixes(String bootstrap) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.BATCH_SIZE_CONFIG, 262144);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), EventJson.serializer());
		this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	public static RiderLocation fix(String riderId, long seq, double lat, double lon) {
		return new RiderLocation(riderId, seq, null, lat, lon, 5.0, 90.0, 8.0, Instant.now());
	}

	public void send(RiderLocation fix) {
		this.producer.send(new ProducerRecord<>("rider-locations", fix.riderId(), fix));
	}

	public void send(String topic, String key, Object event) {
		this.producer.send(new ProducerRecord<>(topic, key, event));
	}

	public void sendRaw(String topic, String key, byte[] value) {
		this.raw.send(new ProducerRecord<>(topic, key, value));
	}

	public void flush() {
		this.producer.flush();
		this.raw.flush();
	}

	public KafkaProducer<String, Object> producer() {
		return this.producer;
	}

	@Override
	public void close() {
		this.producer.close();
		this.raw.close();
	}

}
