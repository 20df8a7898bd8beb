package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.bson.Document;
import org.bson.types.Binary;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's backend orders index keys exactly as the stock H2 backend does, reads files
 * the stock backend wrote, and keeps documents and unique {@code _id}s across restarts.
 */
class DurableBackendTests {

	@TempDir
	Path dir;

	@Test
	void ordersIndexKeysExactlyAsSerialisedKeysAreOrdered() {
		Random random = new Random(42);
		List<KeyValue> keys = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			keys.add(new KeyValue(randomString(random, "abz019:-_AZ~", 1 + random.nextInt(24))));
		}
		keys.add(new KeyValue("rider-000042:999"));
		keys.add(new KeyValue("rider-000042:1000"));
		keys.add(new KeyValue("1795341600000:rider-000042:7"));
		keys.add(new KeyValue(""));
		// keys the direct comparison leaves to serialisation
		keys.add(new KeyValue("straße"));
		keys.add(new KeyValue("nul\u0000"));
		keys.add(new KeyValue(42L));
		keys.add(new KeyValue(42.5));
		keys.add(new KeyValue(new ObjectId()));
		keys.add(new KeyValue("rider", 7));

		ObjectDataType stock = new ObjectDataType();
		KeyOrder fast = new KeyOrder();
		for (KeyValue a : keys) {
			for (KeyValue b : keys) {
				assertThat(Integer.signum(fast.compare(a, b))).as("%s vs %s", a, b)
					.isEqualTo(Integer.signum(stock.compare(a, b)));
			}
		}
	}

	@Test
	void keepsTheIndexOfAFileTheStockBackendWrote() {
		String file = this.dir.resolve("store.mv").toString();
		List<Document> fixes = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			fixes.add(new Document("_id", "rider-%06d:%d".formatted(i % 300, i / 300)).append("n", i));
		}
		withServer(new H2Backend(file), (collection) -> collection.insertMany(fixes));

		withServer(new DurableBackend(file), (collection) -> {
			assertThat(collection.countDocuments()).isEqualTo(3000);
			assertThat(collection.find(Filters.eq("_id", "rider-000123:7")).first()).containsEntry("n", 2223);
			// every stored id is a duplicate key, a new one is not
			List<Document> again = new ArrayList<>(fixes.subList(2990, 3000));
			again.add(new Document("_id", "rider-000000:10").append("n", 3000));
			assertThatThrownBy(() -> collection.insertMany(again, new InsertManyOptions().ordered(false)))
				.isInstanceOfSatisfying(MongoBulkWriteException.class,
						(ex) -> assertThat(ex.getWriteErrors()).hasSize(10));
		});

		withServer(new DurableBackend(file), (collection) -> {
			assertThat(collection.countDocuments()).isEqualTo(3001);
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", "rider-000000:10")))
				.hasMessageContaining("duplicate key");
		});
	}

	@Test
	void findsStringIdsInTheDocumentsAndKeepsOtherIdsUniqueInTheIndex() {
		String file = this.dir.resolve("ids.mv").toString();
		withServer(new DurableBackend(file), (collection) -> {
			for (int i = 0; i < 500; i++) {
				collection.insertOne(new Document("_id", "rider-%03d".formatted(i)).append("n", i));
			}
			collection.insertOne(new Document("_id", 1).append("n", "one"));
			collection.insertOne(new Document("n", "generated id"));
			// MongoDB's ids 1 and 1.0 are one id; a string is never a duplicate of a
			// number
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", 1.0)))
				.hasMessageContaining("duplicate key");
			collection.insertOne(new Document("_id", "1"));
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", "rider-042")))
				.hasMessageContaining("duplicate key");

			assertThat(collection.find(Filters.in("_id", "rider-007", "rider-499", "rider-500", 1))
				.map((document) -> document.get("n"))).containsExactlyInAnyOrder(7, 499, "one");
			assertThat(collection.countDocuments(Filters.regex("_id", "^rider-04"))).isEqualTo(10);
			collection.deleteOne(Filters.eq("_id", "rider-042"));
			collection.deleteOne(Filters.eq("_id", 1));
			collection.insertOne(new Document("_id", "rider-042").append("n", "again"));
			collection.insertOne(new Document("_id", 1.0).append("n", "again"));
			assertThat(collection.countDocuments()).isEqualTo(503);
		});
		withServer(new DurableBackend(file), (collection) -> {
			assertThat(collection.find(Filters.eq("_id", "rider-042")).first()).containsEntry("n", "again");
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", "rider-499")))
				.hasMessageContaining("duplicate key");
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", 1)))
				.hasMessageContaining("duplicate key");
		});
		// one B-tree per insert: the index map holds only the ids that are not strings
		MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
		try {
			assertThat(store.openMap("ridertrack.fixes._index__id_").keySet()).hasSize(2);
			assertThat(store.openMap("databases.ridertrack.fixes").sizeAsLong()).isEqualTo(503);
		}
		finally {
			store.close();
		}
	}

	@Test
	void keepsDocumentsAndUniqueIdsWithoutAFile() {
		withServer(DurableBackend.withoutFile(), (collection) -> {
			collection
				.insertMany(List.of(new Document("_id", "a").append("n", 1), new Document("_id", 2).append("n", 2)));
			collection.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 10));
			assertThat(collection.find(Filters.eq("_id", "a")).first()).containsEntry("n", 11);
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", "a")))
				.hasMessageContaining("duplicate key");
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", 2.0)))
				.hasMessageContaining("duplicate key");
			assertThat(collection.countDocuments()).isEqualTo(2);
		});
	}

	@Test
	void readsBackEveryKindOfValueAfterARestart() {
		String file = this.dir.resolve("types.mv").toString();
		Document original = new Document("_id", "1795341600000:rider-000042:7").append("riderId", "rider-000042")
			.append("seq", 7L)
			.append("n", 3)
			.append("t", new Date(1795341600000L))
			.append("lat", 52.5)
			.append("moving", true)
			.append("orderId", null)
			.append("oid", new org.bson.types.ObjectId())
			.append("place", new Document("name", "Straße 1").append("lon", 13.4))
			.append("tags", List.of("a", 1, 2.5))
			.append("bytes", new Binary(new byte[] { 1, 2, 3 }));
		withServer(new DurableBackend(file), (collection) -> collection.insertOne(original));

		withServer(new DurableBackend(file), (collection) -> {
			Document read = collection.find().first();
			assertThat(read).isEqualTo(original);
			assertThatThrownBy(() -> collection.insertOne(new Document("_id", original.get("_id"))))
				.hasMessageContaining("duplicate key");
		});
	}

	@Test
	void keepsTakingUpdatesWhileTheBackgroundWriterSavesTheirPages() {
		// every update adds keys to a document whose page the writer, committing every
		// millisecond, may be encoding: the race that closed the store at 20,000 fixes/s.
		// A race: without the fix this failed two runs in three, with it none of many
		String file = this.dir.resolve("race.mv").toString();
		MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
		store.setAutoCommitDelay(1);
		int orders = 300;
		int rounds = 150;
		withServer(new DurableBackend(store), (collection) -> {
			for (int round = 0; round < rounds; round++) {
				List<WriteModel<Document>> writes = new ArrayList<>();
				for (int order = 0; order < orders; order++) {
					writes.add(new UpdateOneModel<>(
							Filters.eq("_id", "order-" + order), Updates.combine(Updates.set("step" + round, round),
									Updates.max("rank", round), Updates.unset("step" + (round - 2))),
							new UpdateOptions().upsert(true)));
				}
				collection.bulkWrite(writes);
			}
			assertThat(collection.countDocuments()).isEqualTo(orders);
			Document last = collection.find(Filters.eq("_id", "order-7")).first();
			assertThat(last).containsEntry("rank", rounds - 1)
				.containsEntry("step" + (rounds - 1), rounds - 1)
				.doesNotContainKey("step" + (rounds - 3));
		});
		withServer(new DurableBackend(file),
				(collection) -> assertThat(collection.find(Filters.eq("_id", "order-7")).first()).containsEntry("rank",
						rounds - 1));
	}

	private static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
		MongoServer server = new MongoServer(backend);
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
			work.accept(client.getDatabase("ridertrack").getCollection("fixes"));
		}
		finally {
			server.shutdownNow();
		}
	}

	private static String randomString(Random random, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
