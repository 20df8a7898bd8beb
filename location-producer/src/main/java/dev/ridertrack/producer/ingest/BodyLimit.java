package dev.ridertrack.producer.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses bodies larger than {@code ridertrack.ingest.max-body-size}: at once when the
 * declared {@code Content-Length} is too large, and while reading when a chunked body
 * grows past the limit, so an oversized body is never held in memory whole.
 */
@ControllerAdvice(assignableTypes = IngestController.class)
class BodyLimit extends RequestBodyAdviceAdapter {

	private final long maxBytes;

	BodyLimit(IngestProperties properties) {
		this.maxBytes = properties.maxBodySize().toBytes();
	}

	@Override
	public boolean supports(MethodParameter methodParameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		if (message.getHeaders().getContentLength() > this.maxBytes) {
			throw IngestRejectedException.tooLarge(tooLarge());
		}
		InputStream limited = new LimitedInputStream(message.getBody(), this.maxBytes);
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return limited;
			}

			@Override
			public HttpHeaders getHeaders() {
				return message.getHeaders();
			}

		};
	}

	String tooLarge() {
		return "the body is larger than " + this.maxBytes + " bytes";
	}

	/** Thrown while reading a body that outgrows the limit. */
	static class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("the body is larger than " + maxBytes + " bytes");
		}

	}

	private static final class LimitedInputStream extends FilterInputStream {

		private final long maxBytes;

		private long count;

		LimitedInputStream(InputStream in, long maxBytes) {
			super(in);
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		private void counted(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

	}

}
