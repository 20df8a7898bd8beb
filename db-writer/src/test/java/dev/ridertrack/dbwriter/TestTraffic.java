package dev.ridertrack.dbwriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fixes and the producer that sends them, as a rider app would through location-producer:
 * {@code acks=all}, idempotent, keyed by rider.
 */
public final class TestTraffic {

	private TestTraffic() {
	}

	public static KafkaProducer<String, RiderLocation> fixProducer(String bootstrapServers) {
		return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(),
				EventJson.<RiderLocation>serializer());
	}

	public static KafkaProducer<String, byte[]> rawProducer(String bootstrapServers) {
		return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
	}

	private static Map<String, Object> producerConfig(String bootstrapServers) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		return config;
	}

	/**
	 * A fix of a rider riding north from a fixed point, one a second.
	 */
	public static RiderLocation fix(String riderId, long seq, String orderId, Instant start) {
		return new RiderLocation(riderId, seq, orderId, 52.5 + seq * 0.00009, 13.4, 10, 0, 5, start.plusSeconds(seq));
	}

	/**
	 * Sends {@code perRider} fixes for each of {@code riders} riders named
	 * {@code prefix-000000...}, interleaved; returns the futures of every send.
	 */
	public static List<CompletableFuture<?>> send(KafkaProducer<String, RiderLocation> producer, String prefix,
			int riders, int perRider, Instant start) {
		List<CompletableFuture<?>> sends = new ArrayList<>(riders * perRider);
		for (int seq = 0; seq < perRider; seq++) {
			for (int r = 0; r < riders; r++) {
				String riderId = riderId(prefix, r);
				sends.add(send(producer, fix(riderId, seq, null, start)));
			}
		}
		producer.flush();
		return sends;
	}

	public static CompletableFuture<?> send(KafkaProducer<String, RiderLocation> producer, RiderLocation fix) {
		CompletableFuture<Object> sent = new CompletableFuture<>();
		producer.send(new ProducerRecord<>(Topics.RIDER_LOCATIONS.name(), fix.riderId(), fix), (metadata, ex) -> {
			if (ex != null) {
				sent.completeExceptionally(ex);
			}
			else {
				sent.complete(metadata);
			}
		});
		return sent;
	}

	/**
	 * How many records of a topic a consumer group has not committed yet.
	 */
	public static long lag(Admin admin, String group, String topic) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < Topics.RIDER_LOCATIONS.partitions(); p++) {
			latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
		}
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			OffsetAndMetadata done = committed.get(end.getKey());
			lag += end.getValue().offset() - ((done != null) ? done.offset() : 0);
		}
		return lag;
	}

	public static String riderId(String prefix, int rider) {
		return String.format("%s-%06d", prefix, rider);
	}

}
