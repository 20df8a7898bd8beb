package dev.ridertrack.localstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoBackend;
import dev.ridertrack.bench.ProcessCpu;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;

/**
 * What the durable store costs per fix at the local stack's default load, for each
 * combination of backend ({@code stock} H2Backend, {@link DurableBackend} with only its
 * index order ({@code keys}) or whole ({@code durable})) and fix id ({@code rider}:
 * {@code riderId:seq}; {@code time}: {@code <epoch ms, 13 digits>:riderId:seq}), in one
 * run. The store runs as its own process with the stack's JVM options; its CPU is read
 * from {@code /proc}. The load is db-writer's at 2,000 riders: a fix per rider every 5 s
 * (400 fixes/s), one unordered {@code insertMany} every 2 s (the batch age), after a
 * history of {@code prefill} fixes.
 * <p>
 * {@code java -cp <test classpath> dev.ridertrack.localstack.StoreBenchmark stock:rider
 * stock:time durable:rider durable:time durable:time:c2} (a third part {@code c2}: the
 * store with C2 as well, where the stack stops at C1; system properties: {@code prefill},
 * default 60000; {@code seconds}, measured, default 40; {@code store.jvm}, extra JVM
 * options of the store, e.g. a JFR recording). Not a test: it is run by hand.
 */
public final class StoreBenchmark {

	private static final int RIDERS = 2000;

	private static final int PER_SECOND = RIDERS / 5;

	private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

	private StoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("server")) {
			server(args[1], args[2]);
			return;
		}
		int prefill = Integer.getInteger("prefill", 60_000);
		int seconds = Integer.getInteger("seconds", 40);
		List<String> rows = new ArrayList<>();
		for (String variant : args) {
			String[] parts = variant.split(":");
			rows.add(run(parts[0], parts[1], (parts.length > 2) ? parts[2] : "c1", prefill, seconds));
		}
		System.out.println();
		System.out.println("store CPU per fix at " + PER_SECOND + " fixes/s, " + RIDERS + " riders, after " + prefill
				+ " fixes, measured " + seconds + " s each, one run:");
		rows.forEach(System.out::println);
	}

	private static String run(String backend, String ids, String jit, int prefill, int seconds) throws Exception {
		Path dir = Files.createTempDirectory("store-benchmark");
		String file = dir.resolve("store.mv").toString();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseParallelGC",
				"-XX:TieredStopAtLevel=1", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
				"-Dslf4j.internal.verbosity=WARN"));
		if (jit.equals("c2")) {
			// the stack runs the store on C1 alone (Launcher); this compares the full JIT
			command.add("-XX:TieredStopAtLevel=4");
		}
		String extra = System.getProperty("store.jvm", "");
		if (!extra.isBlank()) {
			command.addAll(List.of(extra.replace("{variant}", backend + "-" + ids).split(" ")));
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreBenchmark.class.getName(), "server",
				backend, file));
		Process store = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		while (!line.matches("\\d+")) {
			line = out.readLine();
		}
		int port = Integer.parseInt(line);
		Thread drain = new Thread(() -> out.lines().forEach((ignored) -> {
		}));
		drain.setDaemon(true);
		drain.start();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			MongoCollection<Document> fixes = client.getDatabase("ridertrack").getCollection("fixes");
			// the indexes db-writer creates (mongo-java-server keeps only the unique _id
			// one)
			fixes.createIndex(Indexes.ascending("riderId", "t"), new IndexOptions().name("rider_time"));
			fixes.createIndex(Indexes.ascending("orderId", "t"), new IndexOptions().name("order_time"));
			fixes.createIndex(Indexes.ascending("t"),
					new IndexOptions().name("retention").expireAfter(7L * 86400, TimeUnit.SECONDS));
			long[] next = { 0 };
			while (next[0] < prefill) {
				fixes.insertMany(batch(ids, next, 1000), new InsertManyOptions().ordered(false));
			}
			live(fixes, ids, next, 20);
			double cpuBefore = ProcessCpu.seconds(store.pid());
			long fixesBefore = next[0];
			long start = System.nanoTime();
			live(fixes, ids, next, seconds);
			double elapsed = (System.nanoTime() - start) / 1e9;
			double cpuSeconds = ProcessCpu.seconds(store.pid()) - cpuBefore;
			long written = next[0] - fixesBefore;
			// a batch written again is all duplicates: idempotence holds on this backend
			long[] again = { fixesBefore };
			int duplicates = 0;
			try {
				fixes.insertMany(batch(ids, again, 100), new InsertManyOptions().ordered(false));
			}
			catch (MongoBulkWriteException ex) {
				duplicates = ex.getWriteErrors().size();
			}
			long count = fixes.estimatedDocumentCount();
			return String.format(Locale.ROOT,
					"%-8s %-6s %s %6.0f µs/fix  %5.1f %% of one core  (%d fixes in %.0f s, %d documents, rewrite of 100: %d duplicates, load %s)",
					backend, ids, jit, cpuSeconds * 1e6 / written, 100 * cpuSeconds / elapsed, written, elapsed, count,
					duplicates, Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
		}
		finally {
			store.destroy();
			store.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** {@code seconds} of db-writer's load: a poll's worth of fixes every 2 s. */
	private static void live(MongoCollection<Document> fixes, String ids, long[] next, int seconds) {
		long start = System.nanoTime();
		for (int poll = 0; poll < seconds / 2; poll++) {
			long due = start + (poll + 1) * 2_000_000_000L;
			while (System.nanoTime() < due) {
				LockSupport.parkNanos(due - System.nanoTime());
			}
			fixes.insertMany(batch(ids, next, 2 * PER_SECOND), new InsertManyOptions().ordered(false));
		}
	}

	/** The next fixes in time order, rider after rider, each rider every 5 s. */
	private static List<Document> batch(String ids, long[] next, int size) {
		List<Document> batch = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			long n = next[0]++;
			int rider = (int) (n % RIDERS);
			long seq = n / RIDERS;
			String riderId = String.format(Locale.ROOT, "rider-%06d", rider);
			Instant t = START.plusMillis(seq * 5000 + rider * 5000L / RIDERS);
			String id = ids.equals("time") ? String.format(Locale.ROOT, "%013d:%s:%d", t.toEpochMilli(), riderId, seq)
					: riderId + ":" + seq;
			Document fix = new Document("_id", id).append("riderId", riderId).append("seq", seq);
			if (rider % 2 == 0) {
				fix.append("orderId", "order-" + (rider * 1000 + seq / 60));
			}
			batch.add(fix.append("t", Date.from(t))
				.append("lat", 52.5 + seq * 0.0004)
				.append("lon", 13.4 + rider * 0.0001)
				.append("speedMps", 7.5)
				.append("headingDeg", 90.0)
				.append("accuracyM", 5.0));
		}
		return batch;
	}

	/** The store process: prints its port, then serves until killed. */
	private static void server(String backend, String file) throws InterruptedException {
		MongoBackend store = switch (backend) {
			case "stock" -> new H2Backend(file);
			case "keys" -> new DurableBackend(file) {

				@Override
				boolean bsonDocuments() {
					return false;
				}

			};
			default -> new DurableBackend(file);
		};
		MongoServer server = new MongoServer(store);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdownNow();
			stopped.countDown();
		}));
		System.out.println(server.bind().getPort());
		System.out.flush();
		stopped.await();
	}

}
