package dev.ridertrack.localstack;

import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * The MongoDB-compatible server of the local stack, run as its own process:
 * {@code MongoServerMain <bind address> <port> <memory | path of the H2 file>}. The H2
 * file keeps the data between runs ({@link DurableBackend}: mongo-java-server's H2
 * backend with cheaper {@code _id} indexes); SIGTERM closes it cleanly.
 */
public final class MongoServerMain {

	/**
	 * H2's default: what a kill -9 of the store can lose is the last second of writes.
	 */
	private static final int AUTO_COMMIT_DELAY_MILLIS = 1000;

	/**
	 * MVStore's page cache in MB (H2's default is 16). Every fix goes into two B-trees,
	 * the documents and the unique {@code _id} index (mongo-java-server ignores secondary
	 * indexes), and with 16 MB the store kept reading pages back from the file and
	 * decoding them: half its allocation at 20,000 fixes/s (issue 14). H2 counts a page's
	 * documents by their encoded size, so the cache takes about three times this much
	 * heap: 128 MB filled a 512 MB heap and the store spent its time in full collections.
	 * The cache grows only as pages are used.
	 */
	private static final int CACHE_MB = 64;

	private MongoServerMain() {
	}

	/**
	 * Opens the H2 file with its background writer off. On opening, mongo-java-server
	 * rebuilds every index by reading every document; with the writer on, H2 2.3 compacts
	 * the file at the same time, can drop a chunk the reader still needs, and the open
	 * fails with "Chunk N not found" (h2database#4383). The lessons stop and start the
	 * store under load, so it happened there: two of three starts failed on a 670 MB
	 * file, none with the writer off. The writer starts once the server listens.
	 */
	static MVStore openQuietly(String file) {
		return new MVStore.Builder().fileName(file).cacheSize(CACHE_MB).autoCommitDisabled().open();
	}

	/**
	 * Starts the background writer of a store opened by {@link #openQuietly}.
	 * @param store the open store
	 */
	static void startWriter(MVStore store) {
		store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MILLIS);
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length != 3) {
			System.err.println("Usage: MongoServerMain <bind address> <port> <memory | h2 file>");
			System.exit(2);
		}
		boolean memory = "memory".equals(args[2]);
		MVStore store = memory ? null : openQuietly(args[2]);
		MongoBackend backend = memory ? DurableBackend.withoutFile() : new DurableBackend(store);
		MongoServer server = new MongoServer(backend);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdownNow();
			stopped.countDown();
		}, "mongo-shutdown"));
		server.bind(args[0], Integer.parseInt(args[1]));
		if (store != null) {
			startWriter(store);
		}
		System.out.println("mongo-java-server listening on " + args[0] + ":" + args[1] + " ("
				+ (memory ? "memory backend: data is forgotten on restart" : "H2 file " + args[2]) + ")");
		stopped.await();
	}

}
