package dev.ridertrack.producer.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the API turns away, carrying its RFC 9457 problem body, its headers and the
 * reason it is counted under in {@code ridertrack.ingest.rejected}.
 */
class IngestRejectedException extends ErrorResponseException {

	private static final String TYPE_PREFIX = "urn:ridertrack:problem:";

	private final String reason;

	private IngestRejectedException(HttpStatus status, String reason, String title, String detail, Throwable cause) {
		super(status, problem(status, reason, title, detail), cause);
		this.reason = reason;
	}

	/**
	 * What {@code ridertrack.ingest.rejected} counts this rejection under.
	 */
	String reason() {
		return this.reason;
	}

	static IngestRejectedException invalid(List<Violation> violations) {
		String detail = (violations.size() == 1) ? "1 rule is broken" : violations.size() + " rules are broken";
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.BAD_REQUEST, "invalid", "Invalid fix",
				detail + "; nothing was sent", null);
		ex.getBody().setProperty("errors", violations);
		return ex;
	}

	static IngestRejectedException malformed(String detail, List<Violation> violations, Throwable cause) {
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.BAD_REQUEST, "malformed",
				"Malformed request body", detail + "; nothing was sent", cause);
		if (!violations.isEmpty()) {
			ex.getBody().setProperty("errors", violations);
		}
		return ex;
	}

	static IngestRejectedException tooLarge(String detail) {
		return new IngestRejectedException(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large",
				detail + "; nothing was sent", null);
	}

	static IngestRejectedException unsupportedMediaType(MediaType type) {
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported-media-type", "Unsupported media type",
				((type != null) ? "Content-Type '" + type + "' is not supported" : "Content-Type is missing")
						+ "; send application/json",
				null);
		ex.getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON));
		return ex;
	}

	static IngestRejectedException methodNotAllowed(HttpMethod method) {
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
				"Method not allowed", "Method '" + method.name() + "' is not supported; send fixes with POST", null);
		ex.getHeaders().setAllow(java.util.Set.of(HttpMethod.POST));
		return ex;
	}

	static IngestRejectedException unauthenticated(String detail, String error) {
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.UNAUTHORIZED, "unauthenticated",
				"Rider token required", detail, null);
		ex.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, (error != null) ? "Bearer realm=\"ridertrack\", error=\"" + error + "\""
					: "Bearer realm=\"ridertrack\"");
		return ex;
	}

	static IngestRejectedException forbidden(String detail) {
		return new IngestRejectedException(HttpStatus.FORBIDDEN, "forbidden", "Not this rider's token",
				detail + "; nothing was sent", null);
	}

	/**
	 * Kafka did not take the request in time, or too many requests are already waiting
	 * for it. Whatever part of the request did reach Kafka is harmless to send again:
	 * consumers recognise a fix by rider id and seq.
	 */
	static IngestRejectedException unavailable(String reason, String detail, Duration retryAfter, Throwable cause) {
		IngestRejectedException ex = new IngestRejectedException(HttpStatus.SERVICE_UNAVAILABLE, reason,
				"Try again later", detail + "; resend the whole request after Retry-After", cause);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return ex;
	}

	private static ProblemDetail problem(HttpStatus status, String reason, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + reason));
		problem.setTitle(title);
		return problem;
	}

}
