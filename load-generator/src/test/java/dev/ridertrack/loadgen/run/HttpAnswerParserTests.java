package dev.ridertrack.loadgen.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The answers location-producer and its servers send, fed to the parser as they might
 * arrive from a socket.
 */
class HttpAnswerParserTests {

	@Test
	void readsASizedAnswerAndKeepsTheConnection() throws IOException {
		HttpAnswerParser parser = new HttpAnswerParser();
		parser.expect();
		assertThat(feedAtOnce(parser, "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok")).isTrue();
		assertThat(parser.status()).isEqualTo(202);
		assertThat(parser.closeAfter()).isFalse();
	}

	@Test
	void completesAChunkedProblemAnswerArrivingAByteAtATimeOnlyAtItsLastChunk() throws IOException {
		String answer = "HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n";
		HttpAnswerParser parser = new HttpAnswerParser();
		parser.expect();
		ByteBuffer in = ByteBuffer.allocate(256);
		byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < bytes.length; i++) {
			in.put(bytes[i]).flip();
			boolean complete = parser.parse(in);
			in.compact();
			assertThat(complete).as("complete after byte %d of %d", i + 1, bytes.length)
				.isEqualTo(i == bytes.length - 1);
		}
		assertThat(parser.status()).isEqualTo(400);
		assertThat(parser.closeAfter()).isTrue();
	}

	@Test
	void skipsAnInterimAnswerAndReadsTheRealOne() throws IOException {
		HttpAnswerParser parser = new HttpAnswerParser();
		parser.expect();
		assertThat(feedAtOnce(parser, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")).isTrue();
		assertThat(parser.status()).isEqualTo(204);
	}

	@Test
	void aBodyWithoutALengthEndsWhenTheServerCloses() throws IOException {
		HttpAnswerParser parser = new HttpAnswerParser();
		parser.expect();
		assertThat(feedAtOnce(parser, "HTTP/1.0 200 OK\r\n\r\nsome body")).isFalse();
		assertThat(parser.endsAtClose()).isTrue();
		assertThat(parser.status()).isEqualTo(200);
		assertThat(parser.closeAfter()).isTrue();
	}

	@Test
	void rejectsWhatIsNotAnHttpAnswer() {
		HttpAnswerParser parser = new HttpAnswerParser();
		parser.expect();
		assertThatIOException().isThrownBy(() -> feedAtOnce(parser, "SSH-2.0-OpenSSH_9.2\r\n"))
			.withMessageContaining("not an HTTP answer");
	}

	private static boolean feedAtOnce(HttpAnswerParser parser, String answer) throws IOException {
		return parser.parse(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
	}

}
