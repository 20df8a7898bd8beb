package dev.ridertrack.dbwriter.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.ridertrack.dbwriter.StoredFixes;
import dev.ridertrack.dbwriter.TestTraffic;
import dev.ridertrack.dbwriter.store.Collections;
import dev.ridertrack.events.RiderLocation;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default store (one document per fix, time-ordered ids) against mongo-java-server's
 * durable backend, the local stack's: a redelivered batch after a crash, part stored,
 * part new, and a redelivery after the store restarted on its file.
 */
class BulkFixStoreTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	@TempDir
	Path dir;

	private MongoServer server;

	private MongoClient client;

	private MongoDatabase db;

	private BulkFixStore store;

	@BeforeEach
	void start() throws Exception {
		open();
	}

	private void open() throws Exception {
		this.server = new MongoServer(new H2Backend(Files.createDirectories(this.dir).resolve("h.mv").toString()));
		this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());
		this.db = this.client.getDatabase("fixes");
		this.store = new BulkFixStore(this.db.getCollection(Collections.FIXES_BY_TIME), FixDocuments.TIME_RIDER_SEQ);
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
	void aFixStoredBeforeTheStoreRestartedIsStillADuplicateAfterIt() throws Exception {
		this.store.write(fixes("b", 0, 50));
		stop();
		open();

		assertThat(this.store.write(fixes("b", 40, 60))).isEqualTo(10);
		assertThat(StoredFixes.ids(this.db, "b")).hasSize(60).doesNotHaveDuplicates().containsAll(ids("b", 0, 60));
		assertThat(StoredFixes.counted(this.db)).isEqualTo(60);
	}

	@Test
	void storesNewerFixesAfterOlderOnesInIdOrderWhateverTheRider() {
		// two riders, interleaved in time; a rider whose id sorts first sends later fixes
		List<RiderLocation> batch = new ArrayList<>();
		for (int seq = 0; seq < 20; seq++) {
			batch.add(TestTraffic.fix("z-rider", seq, null, START));
			batch.add(TestTraffic.fix("a-rider", seq, null, START.plusMillis(500)));
		}
		this.store.write(batch);

		List<Instant> inIdOrder = this.db.getCollection(Collections.FIXES_BY_TIME)
			.find()
			.sort(Sorts.ascending("_id"))
			.map((fix) -> fix.getDate(Collections.TIME).toInstant())
			.into(new ArrayList<>());
		assertThat(inIdOrder).hasSize(40).isSorted();
		Document first = this.db.getCollection(Collections.FIXES_BY_TIME).find().sort(Sorts.ascending("_id")).first();
		assertThat(first.getString("_id")).isEqualTo(START.toEpochMilli() + ":z-rider:0");
	}

	@Test
	void padsTheTimeSoThatIdsOfEarlyFixesSortFirst() {
		RiderLocation early = TestTraffic.fix("r", 0, null, Instant.ofEpochMilli(123));
		RiderLocation late = TestTraffic.fix("r", 1, null, START);

		assertThat(FixDocuments.timeOrderedId(early)).isEqualTo("0000000000123:r:0")
			.isLessThan(FixDocuments.timeOrderedId(late));
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
