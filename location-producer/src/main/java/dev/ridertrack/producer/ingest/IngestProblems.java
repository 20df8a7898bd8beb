package dev.ridertrack.producer.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every way a request can fail into an RFC 9457 {@code application/problem+json}
 * answer, and counts the rejections of the ingestion API by reason. Malformed JSON is a
 * {@code 400} that says where the body went wrong, never a {@code 500}.
 */
@RestControllerAdvice
class IngestProblems extends ResponseEntityExceptionHandler {

	private static final String API = "/api/v1/locations";

	private final IngestMetrics metrics;

	IngestProblems(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		IngestRejectedException rejection = unreadable(ex);
		return handleExceptionInternal(rejection, rejection.getBody(), rejection.getHeaders(),
				rejection.getStatusCode(), request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (isIngestRequest(request)) {
			this.metrics.rejected(reason(ex));
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static boolean isIngestRequest(WebRequest request) {
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return servletRequest != null && servletRequest.getRequestURI().startsWith(API);
	}

	private static String reason(Exception ex) {
		if (ex instanceof IngestRejectedException rejection) {
			return rejection.reason();
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "unsupported-media-type";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return "method-not-allowed";
		}
		return "other";
	}

	/**
	 * What went wrong while reading the body: too large, a value of the wrong JSON type
	 * in a named field, or not JSON at all.
	 */
	static IngestRejectedException unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyLimit.BodyTooLargeException tooLarge) {
				return IngestRejectedException.tooLarge(tooLarge.getMessage());
			}
		}
		if (!(ex.getCause() instanceof JacksonException json)) {
			return IngestRejectedException.malformed("the request body is missing or unreadable", List.of(), ex);
		}
		Integer index = null;
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append((field.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				if (field.length() == 0 && index == null) {
					index = reference.getIndex();
				}
				else {
					field.append('[').append(reference.getIndex()).append(']');
				}
			}
		}
		Class<?> target = (json instanceof MismatchedInputException mismatch) ? mismatch.getTargetType()
				: (json instanceof InputCoercionException coercion) ? coercion.getTargetType() : null;
		Object rejected = (json instanceof InvalidFormatException format) ? format.getValue() : null;
		if (target != null) {
			String rule = "must be " + describe(target);
			return IngestRejectedException.malformed("a value has the wrong JSON type",
					List.of(new Violation(index, field.toString(), rule, rejected)), ex);
		}
		String where = location(json.getLocation());
		if (field.length() > 0) {
			return IngestRejectedException.malformed("the body is not valid JSON" + where,
					List.of(new Violation(index, field.toString(), "must be valid JSON", null)), ex);
		}
		return IngestRejectedException.malformed("the body is not valid JSON" + where, List.of(), ex);
	}

	private static String location(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 0) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static String describe(Class<?> type) {
		if (type == Double.class || type == double.class) {
			return "a number";
		}
		if (type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Instant.class) {
			return "an ISO-8601 instant such as 2026-11-22T05:00:00Z";
		}
		if (Collection.class.isAssignableFrom(type)) {
			return "a JSON array of fixes";
		}
		if (type == FixRequest.class) {
			return "a JSON object (one fix)";
		}
		return "of type " + type.getSimpleName();
	}

}
