package dev.ridertrack.tracking.kafka;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * What the Kafka API answers when a request names something the cluster does not have, or
 * asks for something it cannot: an RFC 9457 problem that says which and what to do.
 */
class KafkaProblem extends ErrorResponseException {

	private KafkaProblem(HttpStatus status, String type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	static KafkaProblem unknownTopic(String topic) {
		return new KafkaProblem(HttpStatus.NOT_FOUND, "unknown-topic", "Unknown topic",
				"There is no topic named '" + topic + "' on the cluster. GET /api/v1/kafka/topics lists them.");
	}

	static KafkaProblem unknownGroup(String group) {
		return new KafkaProblem(HttpStatus.NOT_FOUND, "unknown-group", "Unknown group",
				"There is no group named '" + group + "' on the cluster. GET /api/v1/kafka/groups lists them.");
	}

	static KafkaProblem invalidParameter(String detail) {
		return new KafkaProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:ridertrack:problem:" + type));
		problem.setTitle(title);
		return problem;
	}

}
