package dev.ridertrack.loadgen.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 answer at a time as its bytes arrive, for
 * {@link KeepAliveHttpClient}: the status line, the headers it needs
 * ({@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection}), and a
 * body with a length, chunked, or running until the server closes the connection, which
 * it skips. Interim answers (100 Continue) are passed over. Nothing is allocated per
 * answer.
 */
final class HttpAnswerParser {

	private Part part = Part.DONE;

	private int status;

	private long length;

	private boolean chunked;

	private boolean closeAfter;

	/** Starts on a new answer: the request has just gone out. */
	void expect() {
		this.part = Part.STATUS_LINE;
	}

	/**
	 * @return the status code of the answer read
	 */
	int status() {
		return this.status;
	}

	/**
	 * @return whether the server closes the connection after this answer (HTTP/1.0, or
	 * {@code Connection: close}, or a body that ran until the close)
	 */
	boolean closeAfter() {
		return this.closeAfter;
	}

	/**
	 * The server closed the connection.
	 * @return whether that completes the answer: a body without a length ends so
	 */
	boolean endsAtClose() {
		if (this.part != Part.UNTIL_CLOSE) {
			return false;
		}
		this.closeAfter = true;
		this.part = Part.DONE;
		return true;
	}

	/**
	 * Consumes what has arrived of the answer.
	 * @return whether the answer is complete
	 */
	boolean parse(ByteBuffer b) throws IOException {
		byte[] bytes = b.array();
		while (true) {
			switch (this.part) {
				case BODY, CHUNK_DATA -> {
					int skip = (int) Math.min(this.length, b.remaining());
					b.position(b.position() + skip);
					this.length -= skip;
					if (this.length > 0) {
						return false;
					}
					this.part = (this.part == Part.BODY) ? Part.DONE : Part.CHUNK_END;
				}
				case UNTIL_CLOSE -> {
					b.position(b.limit());
					return false;
				}
				case DONE -> {
					return true;
				}
				default -> {
					int start = b.position();
					int newline = -1;
					for (int i = start; i < b.limit(); i++) {
						if (bytes[i] == '\n') {
							newline = i;
							break;
						}
					}
					if (newline < 0) {
						return false;
					}
					b.position(newline + 1);
					int end = (newline > start && bytes[newline - 1] == '\r') ? newline - 1 : newline;
					line(bytes, start, end);
				}
			}
		}
	}

	/** One line of the head, of a chunk size, or of the trailers. */
	private void line(byte[] bytes, int start, int end) throws IOException {
		switch (this.part) {
			case STATUS_LINE -> statusLine(bytes, start, end);
			case HEADERS -> {
				if (start == end) {
					endOfHead();
				}
				else {
					header(bytes, start, end);
				}
			}
			case CHUNK_SIZE -> {
				long size = 0;
				int digits = 0;
				for (int i = start; i < end && bytes[i] != ';' && bytes[i] != ' '; i++, digits++) {
					int digit = Character.digit(bytes[i], 16);
					if (digit < 0 || digits > 15) {
						throw new IOException("bad chunk size");
					}
					size = size * 16 + digit;
				}
				if (digits == 0) {
					throw new IOException("bad chunk size");
				}
				this.length = size;
				this.part = (size == 0) ? Part.TRAILERS : Part.CHUNK_DATA;
			}
			case CHUNK_END -> {
				if (start != end) {
					throw new IOException("a chunk is longer than its size");
				}
				this.part = Part.CHUNK_SIZE;
			}
			case TRAILERS -> {
				if (start == end) {
					this.part = Part.DONE;
				}
			}
			default -> throw new IllegalStateException("not a line: " + this.part);
		}
	}

	private void statusLine(byte[] bytes, int start, int end) throws IOException {
		// "HTTP/1.1 202 " or "HTTP/1.1 202 Accepted"
		if (end - start < 12 || !startsWith(bytes, start, end, "http/1.") || bytes[start + 8] != ' ') {
			throw new IOException("not an HTTP answer: "
					+ new String(bytes, start, Math.min(end - start, 80), StandardCharsets.ISO_8859_1));
		}
		int code = 0;
		for (int i = start + 9; i < start + 12; i++) {
			if (bytes[i] < '0' || bytes[i] > '9') {
				throw new IOException("bad status code");
			}
			code = code * 10 + (bytes[i] - '0');
		}
		this.status = code;
		this.closeAfter = bytes[start + 7] == '0';
		this.chunked = false;
		this.length = -1;
		this.part = Part.HEADERS;
	}

	private void header(byte[] bytes, int start, int end) throws IOException {
		int colon = start;
		while (colon < end && bytes[colon] != ':') {
			colon++;
		}
		int from = colon + 1;
		while (from < end && (bytes[from] == ' ' || bytes[from] == '\t')) {
			from++;
		}
		int to = end;
		while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
			to--;
		}
		if (startsWith(bytes, start, colon, "content-length") && colon - start == 14) {
			long value = 0;
			for (int i = from; i < to; i++) {
				if (bytes[i] < '0' || bytes[i] > '9' || i - from > 17) {
					throw new IOException("bad Content-Length");
				}
				value = value * 10 + (bytes[i] - '0');
			}
			this.length = value;
		}
		else if (startsWith(bytes, start, colon, "transfer-encoding") && colon - start == 17) {
			this.chunked = contains(bytes, from, to, "chunked");
		}
		else if (startsWith(bytes, start, colon, "connection") && colon - start == 10) {
			if (contains(bytes, from, to, "close")) {
				this.closeAfter = true;
			}
			else if (contains(bytes, from, to, "keep-alive")) {
				this.closeAfter = false;
			}
		}
	}

	private void endOfHead() {
		if (this.status >= 100 && this.status < 200) {
			// an interim answer (100 Continue): the real one follows
			this.part = Part.STATUS_LINE;
		}
		else if (this.status == 204 || this.status == 304) {
			this.part = Part.DONE;
		}
		else if (this.chunked) {
			this.part = Part.CHUNK_SIZE;
		}
		else if (this.length >= 0) {
			this.part = (this.length > 0) ? Part.BODY : Part.DONE;
		}
		else {
			// no length: the body runs until the server closes the connection
			this.part = Part.UNTIL_CLOSE;
		}
	}

	/** Whether the bytes start with the lower-case ASCII text, ignoring case. */
	private static boolean startsWith(byte[] bytes, int start, int end, String lower) {
		if (end - start < lower.length()) {
			return false;
		}
		for (int i = 0; i < lower.length(); i++) {
			int b = bytes[start + i];
			if (b >= 'A' && b <= 'Z') {
				b += 'a' - 'A';
			}
			if (b != lower.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(byte[] bytes, int start, int end, String lower) {
		for (int i = start; i <= end - lower.length(); i++) {
			if (startsWith(bytes, i, end, lower)) {
				return true;
			}
		}
		return false;
	}

	/** Where the parse of an answer is. */
	private enum Part {

		/** {@code HTTP/1.1 202 Accepted} */
		STATUS_LINE,
		/** header lines, up to the empty one */
		HEADERS,
		/** {@code Content-Length} bytes */
		BODY,
		/** a chunk's size line */
		CHUNK_SIZE,
		/** a chunk's bytes */
		CHUNK_DATA,
		/** the line end after a chunk */
		CHUNK_END,
		/** trailer lines after the last chunk, up to the empty one */
		TRAILERS,
		/** a body without a length, up to the end of the connection */
		UNTIL_CLOSE,
		/** the answer is complete */
		DONE

	}

}
