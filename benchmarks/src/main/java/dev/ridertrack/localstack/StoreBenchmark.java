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
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import dev.ridertrack.bench.ProcessCpu;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

/**
 * What the durable store costs per fix, for each combination of backend ({@code stock}
 * H2Backend, {@link DurableBackend} ({@code durable}); {@code stack}: DurableBackend
 * opened as the stack opens it, with {@code MongoServerMain}'s page cache;
 * {@code twotrees}: the same with the stock backend's separate {@code _id} index) and fix
 * id ({@code rider}: {@code riderId:seq}; {@code time}:
 * {@code <epoch ms, 13 digits>:riderId:seq}), in one run. The store runs as its own
 * process with the stack's JVM options; its CPU is read from {@code /proc}. The load is
 * db-writer's at {@code riders} riders (default 2,000): a fix per rider every 5 s, one
 * unordered {@code insertMany} per poll (what arrives in the 2 s batch age, at most 5,000
 * fixes), and the poll's order events as upserts, after a history of {@code prefill}
 * fixes.
 * <p>
 * {@code ./ridertrack bench store stock:rider stock:time durable:rider durable:time
 * durable:time:c2} (a third part {@code c2}: the store with C2 as well; system
 * properties: {@code riders}; {@code prefill}, default 60000; {@code seconds}, measured,
 * default 40; {@code store.heap}, default {@code -Xmx512m}; {@code store.jvm}, extra JVM
 * options of the store, e.g. a JFR recording). Not a test: it is run by hand.
 */
public final class StoreBenchmark {

	private static final int RIDERS = Integer.getInteger("riders", 2000);

	private static final int PER_SECOND = RIDERS / 5;

	/** db-writer's poll: what arrives in its 2 s batch age, at most its 5,000 records. */
	private static final int POLL = Math.min(5000, 2 * PER_SECOND);

	private static final long POLL_NANOS = 1_000_000_000L * POLL / PER_SECOND;

	private static final int FIXES_PER_ORDER = 40;

	private static final int[] ORDER_STEP_SECONDS = { 60, 240, 600 };

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
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				System.getProperty("store.heap", "-Xmx512m"), "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
				"-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-Dslf4j.internal.verbosity=WARN"));
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
			MongoCollection<Document> orders = client.getDatabase("ridertrack").getCollection("orders");
			long[] next = { 0 };
			while (next[0] < prefill) {
				long before = next[0];
				fixes.insertMany(batch(ids, next, 1000), new InsertManyOptions().ordered(false));
				orders.bulkWrite(orderEvents(before, next[0]), new BulkWriteOptions().ordered(true));
			}
			live(fixes, orders, ids, next, 20);
			double cpuBefore = ProcessCpu.seconds(store.pid());
			long fixesBefore = next[0];
			long start = System.nanoTime();
			live(fixes, orders, ids, next, seconds);
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

	/**
	 * {@code seconds} of db-writer's load: a poll's worth of fixes every 2 s (or 5,000
	 * fixes as often as they come), and the poll's order events.
	 */
	private static void live(MongoCollection<Document> fixes, MongoCollection<Document> orders, String ids, long[] next,
			int seconds) {
		long start = System.nanoTime();
		long polls = seconds * 1_000_000_000L / POLL_NANOS;
		for (int poll = 0; poll < polls; poll++) {
			long due = start + (poll + 1) * POLL_NANOS;
			while (System.nanoTime() < due) {
				LockSupport.parkNanos(due - System.nanoTime());
			}
			long before = next[0];
			fixes.insertMany(batch(ids, next, POLL), new InsertManyOptions().ordered(false));
			orders.bulkWrite(orderEvents(before, next[0]), new BulkWriteOptions().ordered(true));
		}
	}

	/**
	 * The order events of a poll, shaped like the stack's: an order for every
	 * {@value #FIXES_PER_ORDER} fixes (about 500 a second at 100,000 riders), each with
	 * three later events, one, four and ten minutes after it was created. db-writer
	 * writes each as an upsert by {@code _id} ({@code OrderStore}): the later ones find
	 * orders written minutes before, which is what reads the store's older pages.
	 */
	private static List<UpdateOneModel<Document>> orderEvents(long fixesBefore, long fixesAfter) {
		long perSecond = PER_SECOND / FIXES_PER_ORDER;
		List<UpdateOneModel<Document>> events = new ArrayList<>();
		for (long order = fixesBefore / FIXES_PER_ORDER; order < fixesAfter / FIXES_PER_ORDER; order++) {
			events.add(orderEvent(order, 0));
			for (int step = 1; step <= 3; step++) {
				long earlier = order - perSecond * ORDER_STEP_SECONDS[step - 1];
				if (earlier >= 0) {
					events.add(orderEvent(earlier, step));
				}
			}
		}
		return events;
	}

	private static UpdateOneModel<Document> orderEvent(long order, int status) {
		Date at = Date.from(START.plusMillis(order * 1000 * FIXES_PER_ORDER / PER_SECOND));
		return new UpdateOneModel<>(
				Filters.eq("_id", "order-" + order), Updates.combine(Updates.set("at" + status, at),
						Updates.set("riderId", "rider-" + (order % RIDERS)), Updates.max("statusRank", status)),
				new UpdateOptions().upsert(true));
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
			case "stack" -> new DurableBackend(MongoServerMain.openQuietly(file));
			case "memory" -> new MemoryBackend();
			case "bytes" -> DurableBackend.withoutFile();
			case "twotrees" -> new DurableBackend(MongoServerMain.openQuietly(file)) {

				@Override
				boolean idsInDocuments() {
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
		int port = server.bind().getPort();
		if (store instanceof DurableBackend durable && backend.matches("stack|twotrees")) {
			MongoServerMain.startWriter(durable.getMvStore());
		}
		System.out.println(port);
		System.out.flush();
		stopped.await();
	}

}
