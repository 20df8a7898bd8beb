package dev.ridertrack.tracking;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A WebSocket client that speaks the live push's binary frames, for tests and the
 * benchmark: it keeps what a browser would draw.
 */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {

	/** Riders the client was ever sent, by id. */
	public final Map<String, Position> seen = new ConcurrentHashMap<>();

	/** Riders the client currently draws, by id. */
	public final Map<String, Position> visible = new ConcurrentHashMap<>();

	public final List<String> texts = new CopyOnWriteArrayList<>();

	/**
	 * Density cells by cell index while zoomed out: riders idle, to restaurant, to
	 * customer.
	 */
	public final Map<Integer, int[]> density = new ConcurrentHashMap<>();

	/**
	 * Riders in the box per state (idle, to restaurant, to customer) from the last
	 * density frame.
	 */
	public volatile int[] densityTotals;

	/** Kind of the last binary frame: 1 riders, 2 density. */
	public volatile int lastKind;

	public volatile long densityFrames;

	public volatile int closeCode = -1;

	public volatile long bytes;

	public volatile long frames;

	private final Map<Integer, String> dictionary = new ConcurrentHashMap<>();

	private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	private final StringBuilder partialText = new StringBuilder();

	private final LongConsumer latencySink;

	/** Frame built (sentAt) → frame received, once per riders frame (benchmark). */
	public volatile LongConsumer sentToReceived;

	private WebSocket socket;

	private LiveClient(LongConsumer latencySink) {
		this.latencySink = latencySink;
	}

	public static LiveClient connect(String url, String bearer, LongConsumer latencySink) {
		LiveClient client = new LiveClient(latencySink);
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10));
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		client.socket = builder.buildAsync(URI.create(url), client).join();
		return client;
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	public void viewport(double south, double west, double north, double east) {
		viewport(south, west, north, east, 12);
	}

	public void viewport(double south, double west, double north, double east, int zoom) {
		send("{\"bbox\":[" + south + "," + west + "," + north + "," + east + "],\"zoom\":" + zoom + "}");
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partialText.append(data);
		if (last) {
			this.texts.add(this.partialText.toString());
			this.partialText.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] chunk = new byte[data.remaining()];
		data.get(chunk);
		this.partial.write(chunk, 0, chunk.length);
		if (last) {
			byte[] frame = this.partial.toByteArray();
			this.partial.reset();
			this.bytes += frame.length;
			this.frames++;
			decode(ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN));
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode = statusCode;
		return CompletableFuture.completedFuture(null);
	}

	private void decode(ByteBuffer buffer) {
		long arrival = System.currentTimeMillis();
		int kind = buffer.get();
		boolean reset = (buffer.get() & 1) == 1;
		buffer.getShort();
		double sentAt = buffer.getDouble();
		this.lastKind = kind;
		if (reset) {
			this.visible.clear();
			this.density.clear();
			this.densityTotals = null;
		}
		if (kind == 2) {
			decodeDensity(buffer);
			return;
		}
		if (this.sentToReceived != null) {
			this.sentToReceived.accept(arrival - (long) sentAt);
		}
		int dictCount = buffer.getInt();
		for (int i = 0; i < dictCount; i++) {
			int index = buffer.getInt();
			byte[] id = new byte[buffer.get() & 0xff];
			buffer.get(id);
			this.dictionary.put(index, new String(id, StandardCharsets.UTF_8));
		}
		int n = buffer.getInt();
		int[] index = new int[n];
		int[] lat = new int[n];
		int[] lon = new int[n];
		for (int i = 0; i < n; i++) {
			index[i] = buffer.getInt();
		}
		for (int i = 0; i < n; i++) {
			lat[i] = buffer.getInt();
		}
		for (int i = 0; i < n; i++) {
			lon[i] = buffer.getInt();
		}
		int[] age = new int[n];
		for (int i = 0; i < n; i++) {
			age[i] = buffer.getShort() & 0xffff;
		}
		for (int i = 0; i < n; i++) {
			byte state = buffer.get();
			String id = this.dictionary.get(index[i]);
			Position position = new Position(lat[i] / 1e6, lon[i] / 1e6, state);
			this.seen.put(id, position);
			this.visible.put(id, position);
			if (this.latencySink != null) {
				this.latencySink.accept(arrival - (long) sentAt + age[i]);
			}
		}
		int removals = buffer.getInt();
		for (int i = 0; i < removals; i++) {
			this.visible.remove(this.dictionary.get(buffer.getInt()));
		}
	}

	private void decodeDensity(ByteBuffer buffer) {
		DensityFrameBody body = DensityFrameBody.read(buffer);
		int[] cells = body.cells();
		int[][] counts = body.counts();
		int n = cells.length;
		int[] totals = { body.totals()[1], body.totals()[2], body.totals()[3] };
		for (int i = 0; i < n; i++) {
			if (counts[i][0] + counts[i][1] + counts[i][2] == 0) {
				this.density.remove(cells[i]);
			}
			else {
				this.density.put(cells[i], counts[i]);
			}
		}
		this.densityTotals = totals;
		this.densityFrames++;
	}

	/** Riders per state summed over the density cells held: 0 idle, 1, 2. */
	public int[] densitySums() {
		int[] sums = new int[3];
		for (int[] counts : this.density.values()) {
			for (int s = 0; s < 3; s++) {
				sums[s] += counts[s];
			}
		}
		return sums;
	}

	@Override
	public void close() {
		if (this.closeCode < 0) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
		this.socket.abort();
	}

	/**
	 * A rider as drawn.
	 *
	 * @param lat latitude
	 * @param lon longitude
	 * @param state 0 idle, 1 to restaurant, 2 to customer
	 */
	public record Position(double lat, double lon, byte state) {
	}

}
