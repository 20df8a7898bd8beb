package dev.ridertrack.loadgen.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load generator's HTTP client against a server that answers the way Tomcat can:
 * bodies chunked or with a length, and keep-alive connections closed after a few requests
 * without warning.
 */
class KeepAliveHttpClientTests {

	private final ServerSocket server;

	private final AtomicInteger connections = new AtomicInteger();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	KeepAliveHttpClientTests() throws IOException {
		this.server = new ServerSocket(0);
		Thread acceptor = new Thread(this::accept, "test-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void readsChunkedAndSizedAnswersAndResendsWhatAClosedConnectionDropped() {
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		try (KeepAliveHttpClient client = new KeepAliveHttpClient(
				URI.create("http://127.0.0.1:" + this.server.getLocalPort()), 1, 5_000)) {
			for (int i = 0; i < 7; i++) {
				client.post("/api/v1/locations", "Content-Type: application/json\r\n",
						("{\"n\":" + i + "}").getBytes(StandardCharsets.US_ASCII), (status, error) -> {
							statuses.add(status);
							if (error != null) {
								errors.add(error);
							}
						});
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() == 7);
		}
		assertThat(errors).isEmpty();
		assertThat(statuses).containsOnly(202);
		// the server closes every connection after two answers: the third request on it
		// finds it closed and goes again on a new one
		assertThat(this.bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}",
				"{\"n\":5}", "{\"n\":6}");
		assertThat(this.connections.get()).isEqualTo(4);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.connections.incrementAndGet();
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				OutputStream out = socket.getOutputStream();
				for (int answered = 0; answered < 2; answered++) {
					String requestLine = in.readLine();
					if (requestLine == null) {
						break;
					}
					int length = 0;
					for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
						if (line.toLowerCase().startsWith("content-length:")) {
							length = Integer.parseInt(line.substring(15).trim());
						}
					}
					char[] body = new char[length];
					in.read(body);
					this.bodies.add(new String(body));
					String answer = (answered == 0)
							? "HTTP/1.1 202 \r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}"
							: "HTTP/1.1 202 \r\nTransfer-Encoding: chunked\r\n\r\ne\r\n{\"accepted\":1}\r\n0\r\n\r\n";
					out.write(answer.getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				// and closes, as Tomcat does after max-keep-alive-requests
			}
			catch (IOException ex) {
				// closed by the test
			}
		}
	}

}
