package dev.ridertrack.tracking.lessons;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * What the lessons API answers when a request cannot be carried out, as an RFC 9457
 * problem that says why and what to do instead.
 */
class LessonProblem extends ErrorResponseException {

	private LessonProblem(HttpStatus status, String type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	static LessonProblem unknownLesson(String id) {
		return new LessonProblem(HttpStatus.NOT_FOUND, "unknown-lesson", "Unknown lesson",
				"There is no lesson '" + id + "'. GET /api/v1/lessons lists them.");
	}

	static LessonProblem unknownAction(String lesson, String action) {
		return new LessonProblem(HttpStatus.NOT_FOUND, "unknown-action", "Unknown action", "Lesson '" + lesson
				+ "' has no action '" + action + "'. GET /api/v1/lessons/" + lesson + " lists its actions.");
	}

	static LessonProblem notSupported(String lesson, String method) {
		return new LessonProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", "Lesson '"
				+ lesson + "' takes no " + method + ". GET /api/v1/lessons/" + lesson + " lists its actions.");
	}

	static LessonProblem invalid(String detail) {
		return new LessonProblem(HttpStatus.BAD_REQUEST, "invalid-lesson-input", "Invalid input", detail);
	}

	/**
	 * The lesson needs something this installation does not have (the local stack's
	 * control API, three brokers).
	 * @param detail what is missing and the command that does the same by hand
	 * @return the problem (409)
	 */
	static LessonProblem unavailable(String detail) {
		return new LessonProblem(HttpStatus.CONFLICT, "lesson-unavailable", "Lesson not available here", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:ridertrack:problem:" + type));
		problem.setTitle(title);
		return problem;
	}

}
