package dev.ridertrack.loadgen.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * CPU per request of the load generator's {@link KeepAliveHttpClient} against Reactor
 * Netty's client behind the same call ({@link ReactorNettyPostClient}), in one run,
 * alternating, against one no-op server in this JVM: {@code ./ridertrack bench
 * http-client [REQUESTS [CONNECTIONS [ROUNDS]]]}. The CPU counted is the client's own
 * threads' (its selector or event-loop thread) plus the thread that posts, read from the
 * JVM's per-thread CPU clock; the server's threads are left out.
 */
public final class HttpClientCpuBenchmark {

	private static final byte[] HEADERS = ("Authorization: Bearer bench-token\r\nContent-Type: application/json\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BODY = ("{\"riderId\":\"rider-000042\",\"seq\":17,\"orderId\":null,\"lat\":19.0761,"
			+ "\"lon\":72.8775,\"speedMps\":6.2,\"headingDeg\":91.0,\"accuracyM\":5.0,"
			+ "\"recordedAt\":\"2026-12-05T22:00:00Z\"}")
		.getBytes(StandardCharsets.UTF_8);

	private HttpClientCpuBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int requests = (args.length > 0) ? Integer.parseInt(args[0]) : 50_000;
		int connections = (args.length > 1) ? Integer.parseInt(args[1]) : 32;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
		HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		stub.createContext("/api/v1/locations", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		stub.setExecutor(pool);
		stub.start();
		URI base = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
		System.out.printf(Locale.ROOT, "HTTP client CPU per request: %,d requests per round, %d connections, %d rounds,"
				+ " load average %.1f at start%n", requests, connections, rounds, loadAverage());
		try (KeepAliveHttpClient ours = new KeepAliveHttpClient(base, connections, 30_000);
				ReactorNettyPostClient netty = new ReactorNettyPostClient(base, connections)) {
			// warm-up: JIT compilation and connections, not reported
			run("warm-up ours", ours::post, "loadgen-http", requests / 2, connections, false);
			run("warm-up reactor", netty::post, "reactor-bench", requests / 2, connections, false);
			System.out.println("| client | requests/s | client CPU µs per request | errors | load average |");
			System.out.println("| --- | --- | --- | --- | --- |");
			for (int round = 0; round < rounds; round++) {
				run("KeepAliveHttpClient", ours::post, "loadgen-http", requests, connections, true);
				run("Reactor Netty HttpClient", netty::post, "reactor-bench", requests, connections, true);
			}
		}
		finally {
			stub.stop(0);
			pool.shutdownNow();
		}
		System.exit(0);
	}

	interface Post {

		void post(String path, byte[] headers, byte[] body, KeepAliveHttpClient.Callback done);

	}

	private static void run(String name, Post client, String threadPrefix, int requests, int connections, boolean print)
			throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Semaphore inFlight = new Semaphore(connections);
		AtomicLong errors = new AtomicLong();
		long cpu0 = cpu(threads, threadPrefix) + threads.getCurrentThreadCpuTime();
		long t0 = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			inFlight.acquire();
			client.post("/api/v1/locations", HEADERS, BODY, (status, error) -> {
				if (status != 202) {
					errors.incrementAndGet();
				}
				inFlight.release();
			});
		}
		inFlight.acquire(connections);
		inFlight.release(connections);
		double seconds = (System.nanoTime() - t0) / 1e9;
		long cpu = cpu(threads, threadPrefix) + threads.getCurrentThreadCpuTime() - cpu0;
		if (print) {
			System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %d | %.1f |%n", name, requests / seconds,
					cpu / 1e3 / requests, errors.get(), loadAverage());
		}
	}

	private static long cpu(ThreadMXBean threads, String prefix) {
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(prefix)) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	private static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
