package dev.ridertrack.tracking.lessons;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lessons API: every lesson's state, its setting ({@code PUT}), its actions
 * ({@code POST .../{action}}) and its reset.
 */
@RestController
class LessonsController {

	private final Map<String, Lesson> lessons = new LinkedHashMap<>();

	LessonsController(ObjectProvider<Lesson> lessons) {
		lessons.stream().sorted(Comparator.comparingInt(Lesson::number)).forEach((l) -> this.lessons.put(l.id(), l));
	}

	/**
	 * Every lesson, in the order of the tour.
	 * @return their states
	 */
	@GetMapping("/api/v1/lessons")
	Tour lessons() {
		return new Tour(this.lessons.values().stream().map(Lesson::state).toList());
	}

	@GetMapping("/api/v1/lessons/{lesson}")
	LessonState lesson(@PathVariable String lesson) {
		return find(lesson).state();
	}

	@PutMapping("/api/v1/lessons/{lesson}")
	LessonState put(@PathVariable String lesson, @RequestBody(required = false) JsonNode body) {
		return find(lesson).put(orEmpty(body));
	}

	@PostMapping("/api/v1/lessons/{lesson}/reset")
	LessonState reset(@PathVariable String lesson) {
		Lesson found = find(lesson);
		found.reset();
		return found.state();
	}

	@PostMapping("/api/v1/lessons/{lesson}/{action}")
	LessonState post(@PathVariable String lesson, @PathVariable String action,
			@RequestBody(required = false) JsonNode body) {
		return find(lesson).post(action, orEmpty(body));
	}

	@ExceptionHandler(LessonProblem.class)
	ResponseEntity<ProblemDetail> problem(LessonProblem problem) {
		return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
	}

	private Lesson find(String id) {
		Lesson lesson = this.lessons.get(id);
		if (lesson == null) {
			throw LessonProblem.unknownLesson(id);
		}
		return lesson;
	}

	private static JsonNode orEmpty(JsonNode body) {
		return (body != null && !body.isNull()) ? body : JsonNodeFactory.instance.objectNode();
	}

	/**
	 * The guided tour.
	 *
	 * @param lessons every lesson's state, in order
	 */
	record Tour(List<LessonState> lessons) {
	}

}
