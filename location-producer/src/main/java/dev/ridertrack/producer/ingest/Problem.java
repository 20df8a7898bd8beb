package dev.ridertrack.producer.ingest;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every error answer, for the OpenAPI description only: the answers
 * themselves are Spring's {@code ProblemDetail} with an {@code errors} property.
 *
 * @param type what kind of problem, such as {@code urn:ridertrack:problem:invalid}
 * @param title short, the same for every problem of this type
 * @param status the HTTP status
 * @param detail what happened to this request
 * @param instance the request path
 * @param errors for {@code 400}: each broken rule, with the fix's index in a batch
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
record Problem(@Schema(example = "urn:ridertrack:problem:invalid") URI type,
		@Schema(example = "Invalid fix") String title, @Schema(example = "400") int status,
		@Schema(example = "1 rule is broken; nothing was sent") String detail,
		@Schema(example = "/api/v1/locations/batch") URI instance, List<ProblemError> errors) {

	@Schema(name = "ProblemError", description = "One broken rule")
	record ProblemError(
			@Schema(example = "3", description = "index of the fix in a batch; absent for one fix") Integer index,
			@Schema(example = "lat") String field, @Schema(example = "must be between -90 and 90") String rule,
			@Schema(example = "123.4", description = "the value that arrived; absent when missing") Object rejected) {

	}

}
