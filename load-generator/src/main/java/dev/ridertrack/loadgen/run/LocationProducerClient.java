package dev.ridertrack.loadgen.run;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends fixes through location-producer as rider apps do: {@code POST /api/v1/locations}
 * with one fix, or {@code /api/v1/locations/batch} with several, each rider with its own
 * bearer token. All of this client's knowledge of location-producer's API is here.
 * <p>
 * Many riders share a pool of HTTP/1.1 keep-alive connections
 * ({@link KeepAliveHttpClient}). A rider has at most one request in flight: fixes taken
 * while one is out wait and go together in the next request, so a rider's fixes reach the
 * topic in the order they were taken. At most {@code concurrency} requests are in flight
 * in all; beyond that {@link #send} waits, which slows the run down rather than piling
 * up.
 */
final class LocationProducerClient implements FixSink {

	private static final Log logger = LogFactory.getLog(LocationProducerClient.class);

	private static final String SINGLE = "/api/v1/locations";

	private static final String BATCH = "/api/v1/locations/batch";

	private final KeepAliveHttpClient http;

	private final String basePath;

	private final HmacTokens tokens;

	/** Each rider's request headers (its token), minted once. */
	private final Map<Integer, String> headers = new ConcurrentHashMap<>();

	private final Semaphore permits;

	private final int concurrency;

	/** Riders with a request in flight, with the fixes waiting behind it. */
	private final Map<Integer, List<RiderLocation>> waiting = new ConcurrentHashMap<>();

	private final LoadStats stats;

	private final int uploadEvery;

	/** Fixes a rider's app has collected but not yet uploaded. */
	private final Map<Integer, List<RiderLocation>> collected = new ConcurrentHashMap<>();

	private final FailureLog failures = new FailureLog(logger, "fixes over HTTP");

	LocationProducerClient(URI producerUrl, String tokenSecret, int concurrency, LoadStats stats) {
		this(producerUrl, tokenSecret, concurrency, 1, stats);
	}

	LocationProducerClient(URI producerUrl, String tokenSecret, int concurrency, int uploadEvery, LoadStats stats) {
		this(producerUrl, tokenSecret, concurrency, Math.min(concurrency, 64), uploadEvery, stats);
	}

	/**
	 * A client.
	 * @param producerUrl location-producer's base URL
	 * @param tokenSecret the secret rider tokens are minted with
	 * @param concurrency requests in flight at most (sent or waiting for a connection)
	 * @param connections keep-alive connections to location-producer
	 * @param uploadEvery fixes a rider's app collects before it uploads them
	 * @param stats where the outcomes are counted
	 */
	LocationProducerClient(URI producerUrl, String tokenSecret, int concurrency, int connections, int uploadEvery,
			LoadStats stats) {
		if (tokenSecret == null || tokenSecret.isBlank()) {
			throw new IllegalStateException("http mode needs ridertrack.security.token-secret "
					+ "(env RIDERTRACK_SECURITY_TOKEN_SECRET), the secret location-producer checks tokens with");
		}
		this.basePath = (producerUrl.getRawPath() != null) ? producerUrl.getRawPath().replaceAll("/+$", "") : "";
		this.tokens = new HmacTokens(tokenSecret, "rider");
		this.concurrency = concurrency;
		this.uploadEvery = Math.max(1, uploadEvery);
		this.permits = new Semaphore(concurrency);
		this.stats = stats;
		this.http = new KeepAliveHttpClient(producerUrl, Math.max(1, connections), 30_000);
	}

	@Override
	public void send(int rider, RiderLocation fix) {
		this.stats.fixesAttempted.increment();
		if (this.uploadEvery == 1) {
			upload(rider, List.of(fix));
			return;
		}
		List<List<RiderLocation>> full = new ArrayList<>(1);
		this.collected.compute(rider, (key, fixes) -> {
			List<RiderLocation> buffer = (fixes != null) ? fixes : new ArrayList<>(this.uploadEvery);
			buffer.add(fix);
			// Each rider uploads at its own phase (seq + rider), as real phones do; all
			// riders filling their first batch together would send nothing for
			// uploadEvery intervals, then everything at once.
			if (buffer.size() < this.uploadEvery && Math.floorMod(fix.seq() + rider, this.uploadEvery) != 0) {
				return buffer;
			}
			full.add(buffer);
			return null;
		});
		if (!full.isEmpty()) {
			upload(rider, full.get(0));
		}
	}

	/**
	 * Uploads a rider's fixes, or queues them behind the rider's request in flight so
	 * they reach the topic in order.
	 */
	private void upload(int rider, List<RiderLocation> fixes) {
		boolean[] first = { false };
		this.waiting.compute(rider, (key, queued) -> {
			if (queued == null) {
				first[0] = true;
				return new ArrayList<>(1);
			}
			queued.addAll(fixes);
			return queued;
		});
		if (first[0]) {
			this.permits.acquireUninterruptibly();
			post(rider, fixes);
		}
	}

	private void post(int rider, List<RiderLocation> fixes) {
		long started = System.nanoTime();
		byte[] body;
		String path;
		try {
			boolean one = fixes.size() == 1;
			body = EventJson.mapper().writeValueAsBytes(one ? fixes.get(0) : fixes);
			path = this.basePath + (one ? SINGLE : BATCH);
		}
		catch (RuntimeException ex) {
			done(rider, fixes, started, -1, ex);
			return;
		}
		String riderHeaders = this.headers.computeIfAbsent(rider,
				(key) -> "Content-Type: application/json\r\nAuthorization: Bearer "
						+ this.tokens.mint(fixes.get(0).riderId()) + "\r\n");
		this.stats.requests.increment();
		this.http.post(path, riderHeaders, body, (status, ex) -> done(rider, fixes, started, status, ex));
	}

	private void done(int rider, List<RiderLocation> fixes, long started, int status, Throwable ex) {
		if (ex == null && status >= 200 && status < 300) {
			this.stats.fixesSent.add(fixes.size());
			this.stats.recordLatency(System.nanoTime() - started);
		}
		else {
			this.stats.fixesFailed.add(fixes.size());
			this.failures.failed(fixes.get(0).fixId() + ((ex == null) ? ", HTTP " + status : ""),
					(ex != null) ? ex : new IllegalStateException("HTTP " + status));
		}
		List<List<RiderLocation>> next = new ArrayList<>(1);
		this.waiting.compute(rider, (key, queued) -> {
			if (queued == null || queued.isEmpty()) {
				return null;
			}
			next.add(queued);
			return new ArrayList<>(1);
		});
		if (next.isEmpty()) {
			this.permits.release();
		}
		else {
			// The rider keeps its permit: its waiting fixes go out now, as one batch.
			post(rider, next.get(0));
		}
	}

	@Override
	public void flush() {
		for (Integer rider : List.copyOf(this.collected.keySet())) {
			List<RiderLocation> fixes = this.collected.remove(rider);
			if (fixes != null && !fixes.isEmpty()) {
				upload(rider, fixes);
			}
		}
		try {
			if (this.permits.tryAcquire(this.concurrency, 60, TimeUnit.SECONDS)) {
				this.permits.release(this.concurrency);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		flush();
		this.http.close();
	}

}
