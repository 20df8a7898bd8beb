package dev.ridertrack.dbwriter.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.ridertrack.dbwriter.StoredFixes;
import dev.ridertrack.dbwriter.TestTraffic;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.dbwriter.store.FixBuckets;
import dev.ridertrack.events.RiderLocation;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket store against mongo-java-server's durable backend (the local stack's
 * default): what a redelivered batch after a crash looks like to it, part stored, part
 * new.
 */
class BucketFixStoreTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	@TempDir
	Path dir;

	private MongoServer server;

	private MongoClient client;

	private MongoDatabase db;

	private BucketFixStore store;

	@BeforeEach
	void start() throws Exception {
		this.server = new MongoServer(new H2Backend(Files.createDirectories(this.dir).resolve("h.mv").toString()));
		this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());
		this.db = this.client.getDatabase("buckets");
		this.store = new BucketFixStore(this.db.getCollection(Collections.FIX_BUCKETS), Duration.ofMinutes(10));
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void storesOnlyTheMissingFixesOfABatchThatOverlapsWhatIsStored() {
		assertThat(this.store.write(fixes("a", 0, 5))).isZero();
		// redelivered from an older offset: 3 and 4 are there, 5..9 are not
		assertThat(this.store.write(fixes("a", 3, 10))).isEqualTo(2);

		assertThat(StoredFixes.ids(this.db, "a")).hasSize(10).doesNotHaveDuplicates().containsAll(ids("a", 0, 10));
		assertThat(StoredFixes.counted(this.db)).isEqualTo(10);
	}

	@Test
	void storesAFixSentTwiceInOneBatchOnce() {
		List<RiderLocation> batch = new ArrayList<>(fixes("b", 0, 3));
		batch.addAll(fixes("b", 0, 3));

		assertThat(this.store.write(batch)).isEqualTo(3);
		assertThat(this.store.write(batch)).isEqualTo(6);
		assertThat(StoredFixes.ids(this.db, "b")).hasSize(3).doesNotHaveDuplicates();
		assertThat(StoredFixes.counted(this.db)).isEqualTo(3);
	}

	@Test
	void keepsOneDocumentPerRiderPerWindow() {
		// one a second for 25 minutes: windows 10:00, 10:10, 10:20
		this.store.write(fixes("c", 0, 1500));

		List<Document> buckets = this.db.getCollection(Collections.FIX_BUCKETS)
			.find(Filters.eq(FixBuckets.RIDER, TestTraffic.riderId("c", 0)))
			.into(new ArrayList<>());
		assertThat(buckets).extracting((bucket) -> bucket.getInteger(FixBuckets.COUNT)).containsExactly(600, 600, 300);
		assertThat(buckets).extracting((bucket) -> bucket.getDate(FixBuckets.START).toInstant())
			.containsExactly(START, START.plusSeconds(600), START.plusSeconds(1200));
	}

	private static List<RiderLocation> fixes(String prefix, int fromSeq, int toSeq) {
		List<RiderLocation> fixes = new ArrayList<>();
		for (int seq = fromSeq; seq < toSeq; seq++) {
			fixes.add(TestTraffic.fix(TestTraffic.riderId(prefix, 0), seq, null, START));
		}
		return fixes;
	}

	private static List<String> ids(String prefix, int fromSeq, int toSeq) {
		return fixes(prefix, fromSeq, toSeq).stream().map(RiderLocation::fixId).toList();
	}

}
