package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ridertrack.events.RiderLocation;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A developer's data survives {@code ./ridertrack down} and the next {@code up}: the
 * broker's partitions, the durable MongoDB file and Redis' snapshot (written as it stops)
 * stay in the data directory.
 */
class LocalStackRestartIntegrationTests {

	@Test
	void keepsTopicDataMongoDocumentsAndRedisKeysAcrossARestartWithTheSameDataDirectory(@TempDir Path data) {
		RiderLocation fix = TestStacks.fix("rider-000007", 1);
		List<Long> firstRun = new ArrayList<>();
		Stack first = TestStacks.stack(data, "--infra-only");
		try {
			first.start();
			firstRun.addAll(first.allProcesses().stream().map(ManagedProcess::pid).toList());
			try (KafkaProducer<String, RiderLocation> producer = TestStacks.producer(first.bootstrapServers())) {
				producer.send(new ProducerRecord<>("rider-locations", fix.riderId(), fix)).get();
			}
			try (MongoClient mongo = MongoClients.create(first.mongoUri())) {
				history(mongo).insertOne(new Document("_id", "rider-000007:1").append("lat", 52.52));
			}
			try (Jedis redis = new Jedis(HostAndPort.from(first.redisAddress()))) {
				redis.set("restart-check", "52.52");
			}
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		finally {
			first.stop();
		}
		assertThat(firstRun).hasSize(3).allSatisfy((pid) -> assertThat(TestStacks.gone(pid)).isTrue());

		Stack second = TestStacks.stack(data, "--infra-only");
		try {
			second.start();
			List<RiderLocation> seen = new ArrayList<>();
			try (KafkaConsumer<String, RiderLocation> consumer = TestStacks.consumer(second.bootstrapServers(),
					"after-restart")) {
				consumer.subscribe(List.of("rider-locations"));
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(TestStacks.consumeAll(consumer, seen)).contains(fix));
			}
			try (MongoClient mongo = MongoClients.create(second.mongoUri())) {
				assertThat(history(mongo).find(new Document("_id", "rider-000007:1")).first()).isNotNull()
					.containsEntry("lat", 52.52);
			}
			try (Jedis redis = new Jedis(HostAndPort.from(second.redisAddress()))) {
				assertThat(redis.get("restart-check")).isEqualTo("52.52");
			}
		}
		finally {
			second.stop();
		}
	}

	private static MongoCollection<Document> history(MongoClient mongo) {
		return mongo.getDatabase("ridertrack").getCollection("restart-check");
	}

}
