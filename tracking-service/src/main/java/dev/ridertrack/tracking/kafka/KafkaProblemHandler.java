package dev.ridertrack.tracking.kafka;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers the Kafka API's problems as {@code application/problem+json} whatever the
 * request accepts. tracking-service leaves Spring's problem details off, so without this
 * an {@link org.springframework.web.ErrorResponseException} would reach Boot's error page
 * as plain JSON.
 */
@RestControllerAdvice(basePackageClasses = KafkaProblem.class)
class KafkaProblemHandler {

	@ExceptionHandler(KafkaProblem.class)
	ResponseEntity<ProblemDetail> problem(KafkaProblem problem) {
		return ResponseEntity.status(problem.getStatusCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex) {
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		return problem(KafkaProblem
			.invalidParameter("'" + ex.getName() + "' must be a " + type + ", not '" + ex.getValue() + "'."));
	}

}
