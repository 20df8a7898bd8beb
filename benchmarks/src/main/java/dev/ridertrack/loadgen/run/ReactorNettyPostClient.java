package dev.ridertrack.loadgen.run;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The load generator's client call ({@code post(path, headers, body, callback)}) on
 * Reactor Netty's {@link HttpClient}: what {@link KeepAliveHttpClient} is measured
 * against. One event-loop thread, as ours has one selector thread, and at most
 * {@code connections} pooled keep-alive connections.
 */
final class ReactorNettyPostClient implements AutoCloseable {

	private final HttpClient client;

	private final ConnectionProvider pool;

	private final LoopResources loop;

	ReactorNettyPostClient(URI base, int connections) {
		this.pool = ConnectionProvider.builder("bench").maxConnections(connections).pendingAcquireMaxCount(-1).build();
		this.loop = LoopResources.create("reactor-bench", 1, true);
		this.client = HttpClient.create(this.pool)
			.runOn(this.loop)
			.baseUrl(base.toString())
			.responseTimeout(Duration.ofSeconds(30));
	}

	/**
	 * As {@link KeepAliveHttpClient#post}: extra header lines in ASCII, each ending in
	 * CRLF.
	 */
	void post(String path, byte[] headers, byte[] body, KeepAliveHttpClient.Callback done) {
		String[] lines = new String(headers, StandardCharsets.US_ASCII).split("\r\n");
		this.client.headers((h) -> {
			for (String line : lines) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					h.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
				}
			}
			h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
		})
			.post()
			.uri(path)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.subscribe((status) -> done.done(status, null), (error) -> done.done(-1, error));
	}

	@Override
	public void close() {
		this.pool.dispose();
		this.loop.dispose();
	}

}
