package dev.ridertrack.tracking.lessons;

import tools.jackson.databind.JsonNode;

/**
 * One experiment. Implementations are Spring beans; {@link LessonsController} finds them
 * all. A lesson owns what it starts (its consumers, producers, topics) and
 * {@link #reset()} stops and removes all of it, leaving the tracking system's own data
 * untouched.
 */
interface Lesson {

	/**
	 * The lesson's id in URLs: {@code /api/v1/lessons/{id}}.
	 * @return e.g. {@code partitions}
	 */
	String id();

	/**
	 * Its place in the guided tour, 1 to 14.
	 * @return the number
	 */
	int number();

	/**
	 * Its state now: explanation, actions, what the cluster shows, the narration.
	 * @return the state
	 */
	LessonState state();

	/**
	 * {@code PUT /api/v1/lessons/{id}}: sets the lesson's main setting, e.g.
	 * {@code {"consumers": 3}}.
	 * @param body the request body
	 * @return the state afterwards
	 * @throws LessonProblem for a body the lesson cannot take
	 */
	default LessonState put(JsonNode body) {
		throw LessonProblem.notSupported(id(), "PUT");
	}

	/**
	 * {@code POST /api/v1/lessons/{id}/{action}}: one of the lesson's actions.
	 * @param action the action's id, as listed in its state
	 * @param body the request body, or an empty object
	 * @return the state afterwards
	 * @throws LessonProblem for an unknown action or a body it cannot take
	 */
	default LessonState post(String action, JsonNode body) {
		throw LessonProblem.unknownAction(id(), action);
	}

	/**
	 * Stops everything the lesson started and removes what it created.
	 */
	void reset();

}
