package dev.ridertrack.loadgen.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough HTTP/1.1 to post small JSON bodies to one server at thousands of requests a
 * second with little CPU: a fixed pool of keep-alive connections, each served by its own
 * thread doing blocking socket I/O, all taking requests from one queue.
 * <p>
 * Why not the JDK's {@code java.net.http.HttpClient}: on two shared cores it topped out
 * near 3,000 requests/s against a no-op server (its selector thread, futures and
 * per-request objects cost more CPU than the server's work). Blocking I/O on a few dozen
 * threads is the cheapest thing the JDK offers for many small request/response pairs (no
 * virtual threads on Java 17).
 * <p>
 * A request that fails on a reused connection before any byte of the answer arrived (the
 * server closed an idle or finished keep-alive connection) is sent once more on a fresh
 * one; that is safe here because a fix is identified by rider id and seq, so a resent fix
 * changes nothing downstream.
 */
final class KeepAliveHttpClient implements AutoCloseable {

	private final String host;

	private final int port;

	private final byte[] hostHeader;

	private final int timeoutMillis;

	private final BlockingQueue<Exchange> queue = new LinkedBlockingQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean open = true;

	/**
	 * A client with its connection threads started; connections open on first use.
	 * @param base the server's base URL ({@code http} only)
	 * @param connections how many keep-alive connections (and threads)
	 * @param timeoutMillis connect and read timeout
	 */
	KeepAliveHttpClient(URI base, int connections, int timeoutMillis) {
		if (!"http".equalsIgnoreCase(base.getScheme())) {
			throw new IllegalArgumentException("only http:// URLs are supported, not " + base);
		}
		this.host = base.getHost();
		this.port = (base.getPort() > 0) ? base.getPort() : 80;
		this.hostHeader = ("Host: " + this.host + ":" + this.port + "\r\n").getBytes(StandardCharsets.US_ASCII);
		this.timeoutMillis = timeoutMillis;
		for (int i = 0; i < connections; i++) {
			Thread thread = new Thread(new Connection(), "loadgen-http-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Queues a POST; {@code done} is called on a connection thread with the status, or
	 * with the error, exactly once.
	 * @param path the request path, such as {@code /api/v1/locations}
	 * @param headers extra header lines, each ending in CRLF, ASCII
	 * @param body the JSON body
	 * @param done told the outcome
	 */
	void post(String path, String headers, byte[] body, Callback done) {
		if (!this.open) {
			done.done(-1, new IOException("client closed"));
			return;
		}
		this.queue.add(new Exchange(path, headers, body, done));
	}

	@Override
	public void close() {
		this.open = false;
		this.threads.forEach(Thread::interrupt);
		Exchange left;
		while ((left = this.queue.poll()) != null) {
			left.done.done(-1, new IOException("client closed"));
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

	private record Exchange(String path, String headers, byte[] body, Callback done) {
	}

	/** One keep-alive connection and the thread that drives it. */
	private final class Connection implements Runnable {

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		private final StringBuilder line = new StringBuilder(128);

		@Override
		public void run() {
			try {
				while (KeepAliveHttpClient.this.open) {
					Exchange exchange = KeepAliveHttpClient.this.queue.poll(1, TimeUnit.SECONDS);
					if (exchange != null) {
						exchange(exchange);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				disconnect();
			}
		}

		private void exchange(Exchange exchange) {
			int status;
			try {
				status = send(exchange);
			}
			catch (IOException | RuntimeException ex) {
				disconnect();
				exchange.done.done(-1, ex);
				return;
			}
			exchange.done.done(status, null);
		}

		private int send(Exchange exchange) throws IOException {
			boolean reused = this.socket != null;
			try {
				return roundTrip(exchange);
			}
			catch (StaleConnectionException ex) {
				disconnect();
				if (!reused) {
					throw ex;
				}
				return roundTrip(exchange);
			}
		}

		private int roundTrip(Exchange exchange) throws IOException {
			if (this.socket == null) {
				connect();
			}
			OutputStream o = this.out;
			try {
				o.write(("POST " + exchange.path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
				o.write(KeepAliveHttpClient.this.hostHeader);
				o.write(exchange.headers.getBytes(StandardCharsets.US_ASCII));
				o.write(("Content-Length: " + exchange.body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				o.write(exchange.body);
				o.flush();
			}
			catch (IOException ex) {
				throw new StaleConnectionException(ex);
			}
			return readResponse();
		}

		private int readResponse() throws IOException {
			String statusLine = readLine(true);
			// "HTTP/1.1 202 Accepted"
			int space = statusLine.indexOf(' ');
			if (!statusLine.startsWith("HTTP/1.") || space < 0 || statusLine.length() < space + 4) {
				throw new IOException("not an HTTP response: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(space + 1, space + 4));
			long length = -1;
			boolean chunked = false;
			boolean close = statusLine.startsWith("HTTP/1.0");
			for (String header = readLine(false); !header.isEmpty(); header = readLine(false)) {
				int colon = header.indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = header.substring(0, colon).trim();
				String value = header.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					length = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding")) {
					chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
				}
				else if (name.equalsIgnoreCase("Connection")) {
					close = value.equalsIgnoreCase("close");
				}
			}
			if (chunked) {
				for (long size = chunkSize(); size > 0; size = chunkSize()) {
					skip(size);
					readLine(false);
				}
				// trailers, up to the empty line
				while (!readLine(false).isEmpty()) {
					// ignore
				}
			}
			else if (length >= 0) {
				skip(length);
			}
			else if (status >= 200 && status != 204 && status != 304) {
				// no length: the body runs until the server closes the connection
				while (this.in.read() >= 0) {
					// drain
				}
				close = true;
			}
			if (close) {
				disconnect();
			}
			return status;
		}

		private long chunkSize() throws IOException {
			String size = readLine(false);
			int semicolon = size.indexOf(';');
			return Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(), 16);
		}

		private void skip(long bytes) throws IOException {
			long left = bytes;
			while (left > 0) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() < 0) {
						throw new EOFException("the connection closed inside a response body");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		/**
		 * Reads a CRLF-terminated ASCII line. The very first byte of an answer tells a
		 * stale connection (closed by the server while idle) from a real failure.
		 */
		private String readLine(boolean first) throws IOException {
			this.line.setLength(0);
			while (true) {
				int b;
				try {
					b = this.in.read();
				}
				catch (java.net.SocketTimeoutException ex) {
					throw ex;
				}
				catch (IOException ex) {
					if (first && this.line.length() == 0) {
						throw new StaleConnectionException(ex);
					}
					throw ex;
				}
				if (b < 0) {
					if (first && this.line.length() == 0) {
						throw new StaleConnectionException(new EOFException("the server closed the connection"));
					}
					throw new EOFException("the connection closed inside a response");
				}
				if (b == '\n') {
					int end = this.line.length();
					if (end > 0 && this.line.charAt(end - 1) == '\r') {
						this.line.setLength(end - 1);
					}
					return this.line.toString();
				}
				this.line.append((char) b);
			}
		}

		private void connect() throws IOException {
			Socket s = new Socket();
			try {
				s.setTcpNoDelay(true);
				s.setKeepAlive(true);
				s.setSoTimeout(KeepAliveHttpClient.this.timeoutMillis);
				s.connect(new InetSocketAddress(KeepAliveHttpClient.this.host, KeepAliveHttpClient.this.port),
						KeepAliveHttpClient.this.timeoutMillis);
			}
			catch (IOException ex) {
				s.close();
				throw ex;
			}
			this.socket = s;
			this.in = new BufferedInputStream(s.getInputStream(), 8192);
			this.out = new BufferedOutputStream(s.getOutputStream(), 16384);
		}

		private void disconnect() {
			Socket s = this.socket;
			this.socket = null;
			this.in = null;
			this.out = null;
			if (s != null) {
				try {
					s.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

	}

	/** The connection was closed by the server before it answered this request. */
	private static final class StaleConnectionException extends IOException {

		StaleConnectionException(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
