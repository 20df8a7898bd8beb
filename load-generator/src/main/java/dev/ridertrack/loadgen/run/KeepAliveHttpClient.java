package dev.ridertrack.loadgen.run;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Just enough HTTP/1.1 to post small JSON bodies to one server at tens of thousands of
 * requests a second with little CPU: a pool of keep-alive connections driven by one
 * selector thread with non-blocking I/O.
 * <p>
 * Why ours, and over 450 lines, when Reactor Netty's {@code HttpClient} is in the build:
 * behind the same call ({@code ReactorNettyPostClient} in the benchmarks module,
 * {@code ./ridertrack bench http-client}), alternating in one run against one no-op
 * server, this client cost 17–19 µs of CPU per request and Reactor Netty's 112–156 µs
 * (2026-12-05, 10,000 requests a round, 32 connections, on a machine at load average
 * 80–160, so the rates, 255–366 against 57–124 requests/s, mean little; the CPU ratio
 * held in both rounds). At the 20,000 requests/s the HTTP scenario asks for, that
 * difference is about two of the machine's two cores.
 * <p>
 * Any thread hands a request over through a lock-free queue; the selector thread is woken
 * only when it may be asleep, so a burst of requests costs one wakeup, not one per
 * request. It writes each request on an idle connection (opening one while fewer than
 * {@code connections} are open, otherwise the request waits for the next connection to
 * fall idle), reads the answer ({@link HttpAnswerParser}: status line,
 * {@code Content-Length} or chunked body, {@code Connection: close}) and tells the
 * caller, all on that one thread. One request at a time per connection: no pipelining,
 * because a server answers a connection's requests one after the other, and
 * location-producer answers only when Kafka has acknowledged, so a second request on the
 * same connection would only wait behind the first.
 * <p>
 * Why not the JDK's {@code java.net.http.HttpClient}: on two shared cores it topped out
 * near 3,000 requests/s against a no-op server (its futures and per-request objects cost
 * more CPU than the server's work). The blocking client this one replaced (one thread per
 * connection, all taking from one blocking queue) cost four context switches per request.
 * <p>
 * A request that fails on a reused connection before any byte of the answer arrived (the
 * server closed an idle keep-alive connection just as the request went out) is sent once
 * more on a fresh connection; that is safe here because a fix is identified by rider id
 * and seq, so a resent fix changes nothing downstream. A connection that makes no
 * progress for the timeout (connecting, sending, or waiting for its answer) is closed and
 * its request fails.
 */
final class KeepAliveHttpClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(KeepAliveHttpClient.class);

	private static final byte[] POST = ascii("POST ");

	private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");

	private static final byte[] END_OF_HEAD = ascii("\r\n\r\n");

	/**
	 * Longest line of an answer's head that fits; location-producer's are far shorter.
	 */
	private static final int READ_BUFFER = 4096;

	private final InetSocketAddress address;

	/** {@code " HTTP/1.1\r\nHost: host:port\r\n"}, encoded once. */
	private final byte[] afterPath;

	private final long timeoutNanos;

	private final long checkNanos;

	private final int maxConnections;

	private final Selector selector;

	private final Thread thread;

	/** Requests handed over by any thread, taken by the selector thread. */
	private final Queue<Exchange> incoming = new ConcurrentLinkedQueue<>();

	/** Set by the selector thread before it may block; whoever clears it wakes it up. */
	private final AtomicBoolean sleeping = new AtomicBoolean();

	private volatile boolean open = true;

	// From here on, only the selector thread reads or writes.

	/** Requests waiting for a connection, oldest first. */
	private final ArrayDeque<Exchange> pending = new ArrayDeque<>();

	/** Open connections with nothing in flight, the most recently used on top. */
	private final ArrayDeque<Connection> idle = new ArrayDeque<>();

	private final Consumer<SelectionKey> onReady = this::ready;

	/** Open or connecting connections. */
	private int connections;

	/** Each request is encoded here, then written straight from it. */
	private ByteBuffer requestBuffer = ByteBuffer.allocateDirect(16 * 1024);

	private long nextCheck;

	/**
	 * A client with its selector thread started; connections open on demand.
	 * @param base the server's base URL ({@code http} only)
	 * @param connections how many keep-alive connections at most
	 * @param timeoutMillis how long a connection may make no progress (connect, send,
	 * answer)
	 */
	KeepAliveHttpClient(URI base, int connections, int timeoutMillis) {
		if (!"http".equalsIgnoreCase(base.getScheme())) {
			throw new IllegalArgumentException("only http:// URLs are supported, not " + base);
		}
		String host = base.getHost();
		int port = (base.getPort() > 0) ? base.getPort() : 80;
		this.address = new InetSocketAddress(host, port);
		this.afterPath = ascii(" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n");
		this.maxConnections = Math.max(1, connections);
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(this.timeoutNanos / 10, 1_000_000_000L));
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot open a selector", ex);
		}
		this.thread = new Thread(this::run, "loadgen-http");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues a POST; {@code done} is called on the client's selector thread with the
	 * status, or with the error, exactly once. It should be quick: every connection waits
	 * while it runs.
	 * @param path the request path, such as {@code /api/v1/locations}
	 * @param headers extra header lines, each ending in CRLF, in ASCII
	 * @param body the JSON body
	 * @param done told the outcome
	 */
	void post(String path, byte[] headers, byte[] body, Callback done) {
		Exchange exchange = new Exchange(path, headers, body, done);
		if (!this.open) {
			exchange.complete(-1, new IOException("client closed"));
			return;
		}
		this.incoming.add(exchange);
		if (!this.open) {
			// close() may have emptied the queue just before this request went in
			failIncoming();
			return;
		}
		if (this.sleeping.get() && this.sleeping.compareAndSet(true, false)) {
			this.selector.wakeup();
		}
	}

	/**
	 * Stops the selector thread; requests in flight or waiting fail with "client closed".
	 */
	@Override
	public void close() {
		this.open = false;
		this.selector.wakeup();
		if (Thread.currentThread() != this.thread) {
			try {
				this.thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The outcome of a request. */
	@FunctionalInterface
	interface Callback {

		/**
		 * @param status the HTTP status, or -1 when there is none
		 * @param error why there is no status, or {@code null}
		 */
		void done(int status, Throwable error);

	}

	private void run() {
		try {
			while (this.open) {
				this.sleeping.set(true);
				if (this.incoming.isEmpty()) {
					this.selector.select(this.onReady, TimeUnit.NANOSECONDS.toMillis(this.checkNanos));
				}
				else {
					this.selector.selectNow(this.onReady);
				}
				this.sleeping.set(false);
				for (Exchange exchange = this.incoming.poll(); exchange != null; exchange = this.incoming.poll()) {
					this.pending.add(exchange);
				}
				dispatch();
				expire();
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.error("The HTTP client's selector thread stopped", ex);
			this.open = false;
		}
		finally {
			shutdown();
		}
	}

	/** Gives waiting requests to idle connections, opening connections while allowed. */
	private void dispatch() {
		while (!this.pending.isEmpty()) {
			Connection connection = this.idle.pollFirst();
			if (connection != null) {
				connection.send(this.pending.poll());
			}
			else if (this.connections < this.maxConnections) {
				connect(this.pending.poll());
			}
			else {
				return;
			}
		}
	}

	private void ready(SelectionKey key) {
		Connection connection = (Connection) key.attachment();
		try {
			int ops = key.readyOps();
			if ((ops & SelectionKey.OP_CONNECT) != 0) {
				connection.finishConnect();
				return;
			}
			if ((ops & SelectionKey.OP_WRITE) != 0) {
				connection.writeRest();
			}
			if ((ops & SelectionKey.OP_READ) != 0 && key.isValid()) {
				connection.read();
			}
		}
		catch (CancelledKeyException ex) {
			connection.failed(new IOException("connection closed", ex));
		}
	}

	/** Opens a connection for a request; it is sent once connected. */
	private void connect(Exchange first) {
		Connection connection = new Connection();
		this.connections++;
		connection.exchange = first;
		connection.deadline = System.nanoTime() + this.timeoutNanos;
		try {
			SocketChannel channel = SocketChannel.open();
			connection.channel = channel;
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
			if (channel.connect(this.address)) {
				connection.key = channel.register(this.selector, SelectionKey.OP_READ, connection);
				connection.send(first);
			}
			else {
				connection.key = channel.register(this.selector, SelectionKey.OP_CONNECT, connection);
			}
		}
		catch (IOException | RuntimeException ex) {
			connection.failed(ex);
		}
	}

	/** Fails the requests of connections that made no progress for the timeout. */
	private void expire() {
		long now = System.nanoTime();
		if (now - this.nextCheck < 0) {
			return;
		}
		this.nextCheck = now + this.checkNanos;
		for (SelectionKey key : List.copyOf(this.selector.keys())) {
			Connection connection = (Connection) key.attachment();
			if (connection.exchange != null && now - connection.deadline > 0) {
				connection.failed(new SocketTimeoutException(
						"no progress in " + TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms"));
			}
		}
	}

	private void shutdown() {
		IOException closed = new IOException("client closed");
		List<Exchange> dropped = new ArrayList<>(this.pending);
		this.pending.clear();
		try {
			for (SelectionKey key : List.copyOf(this.selector.keys())) {
				Connection connection = (Connection) key.attachment();
				if (connection.exchange != null) {
					dropped.add(connection.exchange);
					connection.exchange = null;
				}
				connection.close();
			}
			this.selector.close();
		}
		catch (IOException | ClosedSelectorException ex) {
			// closing anyway
		}
		dropped.forEach((exchange) -> exchange.complete(-1, closed));
		failIncoming();
	}

	private void failIncoming() {
		IOException closed = new IOException("client closed");
		for (Exchange exchange = this.incoming.poll(); exchange != null; exchange = this.incoming.poll()) {
			exchange.complete(-1, closed);
		}
	}

	/** Encodes a request into the shared buffer, ready to be written. */
	private ByteBuffer encode(Exchange exchange) {
		int size = POST.length + exchange.path.length() + this.afterPath.length + exchange.headers.length
				+ CONTENT_LENGTH.length + 10 + END_OF_HEAD.length + exchange.body.length;
		if (this.requestBuffer.capacity() < size) {
			this.requestBuffer = ByteBuffer.allocateDirect(Math.max(size, 2 * this.requestBuffer.capacity()));
		}
		ByteBuffer buffer = this.requestBuffer.clear();
		buffer.put(POST);
		putAscii(buffer, exchange.path);
		buffer.put(this.afterPath);
		buffer.put(exchange.headers);
		buffer.put(CONTENT_LENGTH);
		putDigits(buffer, exchange.body.length);
		buffer.put(END_OF_HEAD);
		buffer.put(exchange.body);
		return buffer.flip();
	}

	private static void putAscii(ByteBuffer buffer, String text) {
		for (int i = 0, n = text.length(); i < n; i++) {
			buffer.put((byte) text.charAt(i));
		}
	}

	private static void putDigits(ByteBuffer buffer, int value) {
		int divisor = 1;
		while (divisor <= value / 10) {
			divisor *= 10;
		}
		for (; divisor > 0; divisor /= 10) {
			buffer.put((byte) ('0' + (value / divisor) % 10));
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** A request with its outcome to tell. */
	private static final class Exchange {

		final String path;

		final byte[] headers;

		final byte[] body;

		final Callback done;

		/** Sent a second time, after a stale connection lost it. */
		boolean resent;

		Exchange(String path, byte[] headers, byte[] body, Callback done) {
			this.path = path;
			this.headers = headers;
			this.body = body;
			this.done = done;
		}

		void complete(int status, Throwable error) {
			try {
				this.done.done(status, error);
			}
			catch (RuntimeException ex) {
				logger.warn("An HTTP callback failed", ex);
			}
		}

	}

	/**
	 * One keep-alive connection: its channel, the request in flight, and the answer's
	 * parse state, which survives answers split across reads.
	 */
	private final class Connection {

		SocketChannel channel;

		SelectionKey key;

		Exchange exchange;

		long deadline;

		/** Answers read on this connection: more than none makes it a reused one. */
		private int answered;

		/** A request the socket did not take at once, written when it is writable. */
		private ByteBuffer unsent;

		private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);

		/** Whether any byte of the current answer has arrived. */
		private boolean received;

		private final HttpAnswerParser answer = new HttpAnswerParser();

		private boolean closed;

		void finishConnect() {
			try {
				this.channel.finishConnect();
			}
			catch (IOException ex) {
				failed(ex);
				return;
			}
			this.key.interestOps(SelectionKey.OP_READ);
			send(this.exchange);
		}

		void send(Exchange next) {
			this.exchange = next;
			this.received = false;
			this.answer.expect();
			this.deadline = System.nanoTime() + KeepAliveHttpClient.this.timeoutNanos;
			ByteBuffer request = encode(next);
			try {
				this.channel.write(request);
			}
			catch (IOException ex) {
				failed(ex);
				return;
			}
			if (request.hasRemaining()) {
				this.unsent = ByteBuffer.allocate(request.remaining()).put(request).flip();
				this.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
		}

		void writeRest() {
			try {
				this.channel.write(this.unsent);
			}
			catch (IOException ex) {
				failed(ex);
				return;
			}
			this.deadline = System.nanoTime() + KeepAliveHttpClient.this.timeoutNanos;
			if (!this.unsent.hasRemaining()) {
				this.unsent = null;
				this.key.interestOps(SelectionKey.OP_READ);
			}
		}

		void read() {
			int n;
			try {
				n = this.channel.read(this.in);
			}
			catch (IOException ex) {
				failed(ex);
				return;
			}
			if (n < 0) {
				closedByServer();
				return;
			}
			if (n == 0) {
				return;
			}
			if (this.exchange == null) {
				// nothing was asked: a server that talks unasked is not one to keep
				close();
				return;
			}
			this.received = true;
			this.deadline = System.nanoTime() + KeepAliveHttpClient.this.timeoutNanos;
			this.in.flip();
			boolean complete;
			try {
				complete = this.answer.parse(this.in);
			}
			catch (IOException ex) {
				failed(ex);
				return;
			}
			finally {
				this.in.compact();
			}
			if (complete) {
				answered();
			}
			else if (!this.in.hasRemaining()) {
				failed(new IOException("a line of the answer is longer than " + READ_BUFFER + " bytes"));
			}
		}

		private void closedByServer() {
			if (this.exchange == null) {
				close();
			}
			else if (this.answer.endsAtClose()) {
				answered();
			}
			else {
				failed(this.received ? new EOFException("the connection closed inside an answer")
						: new EOFException("the server closed the connection"));
			}
		}

		private void answered() {
			Exchange done = this.exchange;
			this.exchange = null;
			this.answered++;
			// bytes beyond the answer were never asked for
			if (this.answer.closeAfter() || this.in.position() > 0) {
				close();
			}
			else {
				KeepAliveHttpClient.this.idle.push(this);
			}
			done.complete(this.answer.status(), null);
		}

		/**
		 * Fails the request in flight and closes the connection; a request that a stale
		 * keep-alive connection lost before any answer goes once more on a new one.
		 */
		void failed(Exception error) {
			Exchange lost = this.exchange;
			this.exchange = null;
			boolean stale = !this.received && this.answered > 0 && !(error instanceof SocketTimeoutException);
			close();
			if (lost == null) {
				return;
			}
			if (stale && !lost.resent) {
				lost.resent = true;
				connect(lost);
			}
			else {
				lost.complete(-1, error);
			}
		}

		void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			KeepAliveHttpClient.this.connections--;
			KeepAliveHttpClient.this.idle.remove(this);
			if (this.key != null) {
				this.key.cancel();
			}
			try {
				if (this.channel != null) {
					this.channel.close();
				}
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
