package dev.ridertrack.producer.ingest;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers every way an ingestion request can fail with an RFC 9457
 * {@code application/problem+json} body, and counts the rejections by reason. Malformed
 * JSON is a {@code 400} that says where the body went wrong, never a {@code 500}.
 */
@Component
class IngestProblems {

	private final IngestMetrics metrics;

	IngestProblems(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * The answer to a rejected request, counted under its reason.
	 * @param request the request
	 * @param rejection why it is turned away
	 * @return its problem answer
	 */
	Mono<ServerResponse> answer(ServerRequest request, IngestRejectedException rejection) {
		this.metrics.rejected(rejection.reason());
		ProblemDetail problem = rejection.getBody();
		problem.setInstance(URI.create(request.path()));
		return ServerResponse.status(rejection.getStatusCode())
			.headers((headers) -> headers.addAll(rejection.getHeaders()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	/**
	 * What went wrong while reading the body: a value of the wrong JSON type in a named
	 * field, or not JSON at all.
	 */
	static IngestRejectedException unreadable(JacksonException json) {
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
					List.of(new Violation(index, field.toString(), rule, rejected)), json);
		}
		String where = location(json.getLocation());
		if (field.length() > 0) {
			return IngestRejectedException.malformed("the body is not valid JSON" + where,
					List.of(new Violation(index, field.toString(), "must be valid JSON", null)), json);
		}
		return IngestRejectedException.malformed("the body is not valid JSON" + where, List.of(), json);
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
