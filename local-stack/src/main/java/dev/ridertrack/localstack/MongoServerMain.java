package dev.ridertrack.localstack;

import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB-compatible server of the local stack, run as its own process:
 * {@code MongoServerMain <bind address> <port> <memory | path of the H2 file>}. The H2
 * file keeps the data between runs ({@link DurableBackend}: mongo-java-server's H2
 * backend with cheaper {@code _id} indexes); SIGTERM closes it cleanly.
 */
public final class MongoServerMain {

	private MongoServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length != 3) {
			System.err.println("Usage: MongoServerMain <bind address> <port> <memory | h2 file>");
			System.exit(2);
		}
		boolean memory = "memory".equals(args[2]);
		MongoBackend backend = memory ? new MemoryBackend() : new DurableBackend(args[2]);
		MongoServer server = new MongoServer(backend);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdownNow();
			stopped.countDown();
		}, "mongo-shutdown"));
		server.bind(args[0], Integer.parseInt(args[1]));
		System.out.println("mongo-java-server listening on " + args[0] + ":" + args[1] + " ("
				+ (memory ? "memory backend: data is forgotten on restart" : "H2 file " + args[2]) + ")");
		stopped.await();
	}

}
