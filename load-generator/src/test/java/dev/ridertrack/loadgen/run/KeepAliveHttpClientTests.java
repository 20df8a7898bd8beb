package dev.ridertrack.loadgen.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load generator's HTTP client on real sockets, against servers that answer the way
 * HTTP/1.1 servers (Reactor Netty, Tomcat) can: bodies chunked or with a length,
 * problem+json errors that close the connection, keep-alive connections closed without
 * warning, and servers that never answer.
 */
class KeepAliveHttpClientTests {

	private static final byte[] JSON = ascii("Content-Type: application/json\r\n");

	private static final String ACCEPTED = "HTTP/1.1 202 \r\nContent-Type: application/json\r\nContent-Length: 14\r\n"
			+ "Date: Sun, 22 Nov 2026 10:46:06 GMT\r\n\r\n{\"accepted\":1}";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void readsChunkedAndSizedAnswersAndResendsWhatAClosedConnectionDropped() {
		// every connection: a sized answer, a chunked one, then closed without warning,
		// as a server does after its keep-alive request limit or an idle timeout
		ScriptedServer server = serve((connection, in, out) -> {
			for (int answered = 0; answered < 2; answered++) {
				if (readRequest(in) == null) {
					return;
				}
				out.write(ascii((answered == 0) ? ACCEPTED
						: "HTTP/1.1 202 \r\nTransfer-Encoding: chunked\r\n\r\ne\r\n{\"accepted\":1}\r\n0\r\n\r\n"));
				out.flush();
			}
		});
		Outcomes outcomes = new Outcomes();
		KeepAliveHttpClient client = client(server.port(), 1, 5_000);
		for (int i = 0; i < 7; i++) {
			client.post("/api/v1/locations", JSON, ascii("{\"n\":" + i + "}"), outcomes.expect(i));
		}
		outcomes.awaitAll(7);

		assertThat(outcomes.errors).isEmpty();
		assertThat(outcomes.statuses.values()).containsOnly(202);
		// one connection at a time, so the requests arrive in order; the third request on
		// a connection finds it closed and goes again on a new one
		assertThat(server.bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}",
				"{\"n\":5}", "{\"n\":6}");
		assertThat(server.connections.get()).isEqualTo(4);
	}

	@Test
	void carriesManyConcurrentRequestsOverFewConnections() throws Exception {
		ScriptedServer server = serve((connection, in, out) -> {
			while (readRequest(in) != null) {
				out.write(ascii(ACCEPTED));
				out.flush();
			}
		});
		KeepAliveHttpClient client = client(server.port(), 3, 5_000);
		Outcomes outcomes = new Outcomes();
		int perThread = 1_000;
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int first = t * perThread;
			senders.add(new Thread(() -> {
				for (int i = first; i < first + perThread; i++) {
					client.post("/api/v1/locations", JSON, ascii("{\"n\":" + i + "}"), outcomes.expect(i));
				}
			}));
		}
		senders.forEach(Thread::start);
		for (Thread sender : senders) {
			sender.join();
		}
		outcomes.awaitAll(4 * perThread);

		assertThat(outcomes.errors).isEmpty();
		assertThat(outcomes.statuses).hasSize(4 * perThread);
		assertThat(outcomes.statuses.values()).containsOnly(202);
		assertThat(outcomes.duplicates.get()).isZero();
		assertThat(server.bodies).hasSize(4 * perThread).doesNotHaveDuplicates();
		assertThat(server.connections.get()).isBetween(1, 3);
	}

	@Test
	void readsAProblemAnswerSentInPiecesAndKeepsGoingOnANewConnection() {
		String problem = "{\"detail\":\"3 rules are broken; nothing was sent\",\"status\":400,\"title\":\"Invalid fix\"}";
		String unauthorized = "{\"status\":401,\"title\":\"Rider token required\"}";
		// a servlet server's answers to a bad fix and to a missing token
		// (location-producer gave these on Tomcat): problem+json, chunked; the first also
		// closes the connection
		String[] answers = {
				"HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n"
						+ "Date: Sun, 22 Nov 2026 10:45:59 GMT\r\nConnection: close\r\n\r\n"
						+ Integer.toHexString(problem.length()) + "\r\n" + problem + "\r\n0\r\n\r\n",
				"HTTP/1.1 401 \r\nWWW-Authenticate: Bearer realm=\"ridertrack\"\r\n"
						+ "Content-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(unauthorized.length()) + "\r\n" + unauthorized + "\r\n0\r\n\r\n",
				ACCEPTED };
		AtomicInteger answer = new AtomicInteger();
		ScriptedServer server = serve((connection, in, out) -> {
			while (readRequest(in) != null) {
				String text = answers[answer.getAndIncrement()];
				// a byte at a time, so the client meets every line and chunk split
				for (byte b : ascii(text)) {
					out.write(b);
					out.flush();
				}
				if (text.contains("Connection: close")) {
					return;
				}
			}
		});
		KeepAliveHttpClient client = client(server.port(), 1, 5_000);
		Outcomes outcomes = new Outcomes();
		for (int i = 0; i < 3; i++) {
			client.post("/api/v1/locations", JSON, ascii("{\"n\":" + i + "}"), outcomes.expect(i));
		}
		outcomes.awaitAll(3);

		assertThat(outcomes.errors).isEmpty();
		assertThat(outcomes.statuses).containsEntry(0, 400).containsEntry(1, 401).containsEntry(2, 202);
		// the 400 closed the first connection; the 401 left the second one open for the
		// 202
		assertThat(server.connections.get()).isEqualTo(2);
	}

	@Test
	void failsARequestThatGetsNoAnswerInTime() {
		ScriptedServer server = serve((connection, in, out) -> {
			while (readRequest(in) != null) {
				// never answers
			}
		});
		KeepAliveHttpClient client = client(server.port(), 2, 300);
		Outcomes outcomes = new Outcomes();
		client.post("/api/v1/locations", JSON, ascii("{}"), outcomes.expect(0));
		outcomes.awaitAll(1);

		assertThat(outcomes.statuses).containsEntry(0, -1);
		assertThat(outcomes.errors).singleElement().isInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void resendsOnlyOnceAndOnlyOnAReusedConnection() {
		// the first connection answers one request and then drops the next; every later
		// connection is dropped at once, so the resent request fails too
		ScriptedServer server = serve((connection, in, out) -> {
			if (connection == 1 && readRequest(in) != null) {
				out.write(ascii(ACCEPTED));
				out.flush();
				readRequest(in);
			}
		});
		KeepAliveHttpClient client = client(server.port(), 1, 5_000);
		Outcomes outcomes = new Outcomes();
		client.post("/api/v1/locations", JSON, ascii("{\"n\":0}"), outcomes.expect(0));
		outcomes.awaitAll(1);
		client.post("/api/v1/locations", JSON, ascii("{\"n\":1}"), outcomes.expect(1));
		outcomes.awaitAll(2);
		// a fresh connection that fails is not tried again
		client.post("/api/v1/locations", JSON, ascii("{\"n\":2}"), outcomes.expect(2));
		outcomes.awaitAll(3);

		assertThat(outcomes.statuses).containsEntry(0, 202).containsEntry(1, -1).containsEntry(2, -1);
		assertThat(outcomes.errors).hasSize(2);
		// request 1 on the reused connection, once more on a fresh one; request 2 once
		assertThat(server.connections.get()).isEqualTo(3);
	}

	@Test
	void failsWhatIsInFlightOrWaitingWhenClosedAndWhatIsPostedAfter() {
		ScriptedServer server = serve((connection, in, out) -> {
			while (readRequest(in) != null) {
				// never answers
			}
		});
		KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + server.port()), 1,
				30_000);
		Outcomes outcomes = new Outcomes();
		client.post("/api/v1/locations", JSON, ascii("{}"), outcomes.expect(0));
		client.post("/api/v1/locations", JSON, ascii("{}"), outcomes.expect(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> server.bodies.size() == 1);
		client.close();
		client.post("/api/v1/locations", JSON, ascii("{}"), outcomes.expect(2));
		outcomes.awaitAll(3);

		assertThat(outcomes.statuses).containsEntry(0, -1).containsEntry(1, -1).containsEntry(2, -1);
		assertThat(outcomes.errors).hasSize(3).allSatisfy((error) -> assertThat(error).hasMessage("client closed"));
	}

	@Test
	void refusesAnythingButHttp() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeepAliveHttpClient(URI.create("https://127.0.0.1:1"), 1, 1_000));
	}

	private KeepAliveHttpClient client(int port, int connections, int timeoutMillis) {
		KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + port), connections,
				timeoutMillis);
		this.resources.add(client);
		return client;
	}

	private ScriptedServer serve(Script script) {
		ScriptedServer server = new ScriptedServer(script);
		this.resources.add(server);
		return server;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Reads one request's head and body.
	 * @return the body, or {@code null} when the client closed the connection
	 */
	private static String readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			head.write(b);
		}
		int length = 0;
		for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		byte[] body = in.readNBytes(length);
		return (body.length == length) ? new String(body, StandardCharsets.US_ASCII) : null;
	}

	/** What the server does with one connection; it is closed when this returns. */
	@FunctionalInterface
	private interface Script {

		void serve(int connection, InputStream in, OutputStream out) throws IOException;

	}

	/**
	 * A server on a real socket that runs a script per connection, each on its own
	 * thread, and records what it read.
	 */
	private static final class ScriptedServer implements AutoCloseable {

		final AtomicInteger connections = new AtomicInteger();

		final List<String> bodies = new CopyOnWriteArrayList<>();

		private final ServerSocket socket;

		private final Script script;

		ScriptedServer(Script script) {
			this.script = script;
			try {
				this.socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread acceptor = new Thread(this::accept, "test-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					int number = this.connections.incrementAndGet();
					Thread handler = new Thread(() -> handle(number, connection), "test-server-" + number);
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					// closed by the test
				}
			}
		}

		private void handle(int number, Socket connection) {
			try (connection) {
				InputStream recording = new InputStream() {
					private final InputStream in = connection.getInputStream();

					@Override
					public int read() throws IOException {
						return this.in.read();
					}

					@Override
					public byte[] readNBytes(int length) throws IOException {
						byte[] body = this.in.readNBytes(length);
						ScriptedServer.this.bodies.add(new String(body, StandardCharsets.US_ASCII));
						return body;
					}
				};
				this.script.serve(number, recording, connection.getOutputStream());
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/** Each request's outcome, by request number. */
	private static final class Outcomes {

		final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		final AtomicInteger duplicates = new AtomicInteger();

		KeepAliveHttpClient.Callback expect(int request) {
			return (status, error) -> {
				if (this.statuses.putIfAbsent(request, status) != null) {
					this.duplicates.incrementAndGet();
				}
				if (error != null) {
					this.errors.add(error);
				}
			};
		}

		void awaitAll(int count) {
			await().atMost(Duration.ofSeconds(20)).until(() -> this.statuses.size() >= count);
		}

	}

}
