package dev.ridertrack.tracking.kafka;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers the Kafka API's failures as {@code application/problem+json}: its own problems
 * and Spring MVC's (a parameter that is not a number, say), never Boot's generic error
 * page.
 */
@RestControllerAdvice(basePackageClasses = KafkaProblems.class)
class KafkaProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(KafkaProblem.class)
	ResponseEntity<ProblemDetail> kafkaProblem(KafkaProblem problem) {
		return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
	}

}
