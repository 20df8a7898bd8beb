package dev.ridertrack.loadgen.run;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectWriter;

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
 * <p>
 * Each rider's state (token header, request in flight, fixes waiting) is one object in an
 * array indexed by rider, guarded by its own monitor: the rider's worker thread and the
 * HTTP client's thread are the only ones that touch it, so the lock is uncontended, and
 * the rider object is also the request's callback (nothing allocated per request but the
 * body).
 */
final class LocationProducerClient implements FixSink {

	private static final Log logger = LogFactory.getLog(LocationProducerClient.class);

	private static final String SINGLE = "/api/v1/locations";

	private static final String BATCH = "/api/v1/locations/batch";

	/**
	 * Bodies are written as every service writes events, with the serializer looked up
	 * once and doubles written by Jackson's fast writer (the shortest digits that read
	 * back as the same double, without the JDK's {@code Double.toString}).
	 */
	private static final ObjectWriter ONE = EventJson.mapper()
		.writerFor(RiderLocation.class)
		.with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

	private static final ObjectWriter MANY = EventJson.mapper().writerFor(new TypeReference<List<RiderLocation>>() {
	}).with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

	private final KeepAliveHttpClient http;

	private final String singlePath;

	private final String batchPath;

	private final HmacTokens tokens;

	private final InFlightLimit limit;

	private final LoadStats stats;

	private final int uploadEvery;

	/** Each rider's state by rider index, grown as riders join. */
	private volatile Rider[] riders = new Rider[1024];

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
		String basePath = (producerUrl.getRawPath() != null) ? producerUrl.getRawPath().replaceAll("/+$", "") : "";
		this.singlePath = basePath + SINGLE;
		this.batchPath = basePath + BATCH;
		this.tokens = new HmacTokens(tokenSecret, "rider");
		this.uploadEvery = Math.max(1, uploadEvery);
		this.limit = new InFlightLimit(concurrency);
		this.stats = stats;
		this.http = new KeepAliveHttpClient(producerUrl, Math.max(1, connections), 30_000);
	}

	@Override
	public void send(int rider, RiderLocation fix) {
		this.stats.fixesAttempted.increment();
		Rider state = rider(rider, fix.riderId());
		List<RiderLocation> upload;
		synchronized (state) {
			if (this.uploadEvery == 1) {
				upload = null;
			}
			else {
				if (state.collected == null) {
					state.collected = new ArrayList<>(this.uploadEvery);
				}
				state.collected.add(fix);
				// Each rider uploads at its own phase (seq + rider), as real phones do;
				// all riders filling their first batch together would send nothing for
				// uploadEvery intervals, then everything at once.
				if (state.collected.size() < this.uploadEvery
						&& Math.floorMod(fix.seq() + rider, this.uploadEvery) != 0) {
					return;
				}
				upload = state.collected;
				state.collected = null;
			}
			if (!state.claim(fix, upload)) {
				return;
			}
		}
		this.limit.acquire();
		post(state, fix, upload);
	}

	/**
	 * Sends a rider's fixes: {@code one}, or {@code many} when not {@code null}. The
	 * rider holds a place in flight and has no other request in flight.
	 */
	private void post(Rider rider, RiderLocation one, List<RiderLocation> many) {
		boolean single = many == null || many.size() == 1;
		rider.one = (many == null) ? one : many.get(0);
		rider.many = single ? null : many;
		rider.started = System.nanoTime();
		byte[] body;
		try {
			body = single ? ONE.writeValueAsBytes(rider.one) : MANY.writeValueAsBytes(many);
		}
		catch (RuntimeException ex) {
			rider.done(-1, ex);
			return;
		}
		this.stats.requests.increment();
		this.http.post(single ? this.singlePath : this.batchPath, rider.headers, body, rider);
	}

	private Rider rider(int index, String riderId) {
		Rider[] all = this.riders;
		Rider rider = (index < all.length) ? all[index] : null;
		return (rider != null) ? rider : newRider(index, riderId);
	}

	private synchronized Rider newRider(int index, String riderId) {
		Rider[] all = this.riders;
		if (index >= all.length) {
			all = Arrays.copyOf(all, Math.max(index + 1, 2 * all.length));
		}
		if (all[index] == null) {
			all[index] = new Rider(
					("Content-Type: application/json\r\nAuthorization: Bearer " + this.tokens.mint(riderId) + "\r\n")
						.getBytes(StandardCharsets.US_ASCII));
		}
		this.riders = all;
		return all[index];
	}

	@Override
	public void flush() {
		for (Rider rider : this.riders) {
			if (rider == null) {
				continue;
			}
			List<RiderLocation> upload;
			synchronized (rider) {
				upload = rider.collected;
				rider.collected = null;
				if (upload == null || upload.isEmpty()) {
					continue;
				}
				if (!rider.claim(null, upload)) {
					continue;
				}
			}
			this.limit.acquire();
			post(rider, null, upload);
		}
		try {
			this.limit.awaitNoneInFlight(60, TimeUnit.SECONDS);
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

	/**
	 * One rider's app: its token, the request it has in flight and the fixes waiting
	 * behind it. The fields of the request in flight are written before the request is
	 * handed to the HTTP client and read in its callback; the rest is guarded by the
	 * object's monitor.
	 */
	private final class Rider implements KeepAliveHttpClient.Callback {

		final byte[] headers;

		/**
		 * Whether a request is in flight (or about to be): the rider holds a place in
		 * flight.
		 */
		boolean inFlight;

		/** Fixes taken while a request was in flight, for the next request. */
		List<RiderLocation> waiting;

		/** Fixes the app has collected but not yet uploaded ({@code upload-every}). */
		List<RiderLocation> collected;

		/** The request in flight: one fix, or several. */
		RiderLocation one;

		List<RiderLocation> many;

		long started;

		Rider(byte[] headers) {
			this.headers = headers;
		}

		/**
		 * Takes the rider's place in flight for a request of these fixes, or, while one
		 * is in flight, keeps them for the rider's next request. Called with the monitor
		 * held.
		 * @return whether the caller sends them now
		 */
		boolean claim(RiderLocation fix, List<RiderLocation> upload) {
			if (!this.inFlight) {
				this.inFlight = true;
				return true;
			}
			queue(fix, upload);
			return false;
		}

		/** Called with the monitor held. */
		void queue(RiderLocation fix, List<RiderLocation> upload) {
			if (this.waiting == null) {
				this.waiting = new ArrayList<>(2);
			}
			if (upload != null) {
				this.waiting.addAll(upload);
			}
			else {
				this.waiting.add(fix);
			}
		}

		@Override
		public void done(int status, Throwable error) {
			LoadStats stats = LocationProducerClient.this.stats;
			int fixes = (this.many != null) ? this.many.size() : 1;
			if (error == null && status >= 200 && status < 300) {
				stats.fixesSent.add(fixes);
				stats.recordLatency(System.nanoTime() - this.started);
			}
			else {
				stats.fixesFailed.add(fixes);
				RiderLocation first = (this.many != null) ? this.many.get(0) : this.one;
				LocationProducerClient.this.failures.failed(first.fixId() + ((error == null) ? ", HTTP " + status : ""),
						(error != null) ? error : new IllegalStateException("HTTP " + status));
			}
			List<RiderLocation> next;
			synchronized (this) {
				next = this.waiting;
				this.waiting = null;
				if (next == null) {
					this.inFlight = false;
				}
			}
			if (next == null) {
				LocationProducerClient.this.limit.release();
			}
			else {
				// The rider keeps its place in flight: its waiting fixes go out now.
				post(this, null, next);
			}
		}

	}

}
