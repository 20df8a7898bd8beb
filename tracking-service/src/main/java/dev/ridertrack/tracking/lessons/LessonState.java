package dev.ridertrack.tracking.lessons;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a lesson shows: the concept, what to expect, its actions, the live view, and the
 * narration of what happened, built from the real state of the cluster.
 *
 * @param id the lesson's id
 * @param number its place in the tour
 * @param title its title
 * @param concept the concept in two or three plain sentences
 * @param expect what the learner should expect to see
 * @param available whether it can run here
 * @param unavailable why not, in words, or {@code null}
 * @param byHand the command that does the same by hand (e.g. under docker compose), or
 * {@code null}
 * @param running whether anything of the lesson is running now
 * @param actions what the learner can do
 * @param view the live view, in blocks the page knows how to draw
 * @param narration what happened, oldest first, one sentence or two per line
 * @param updatedAt when this state was read
 */
record LessonState(String id, int number, String title, String concept, String expect, boolean available,
		String unavailable, String byHand, boolean running, List<Action> actions, List<Block> view,
		List<String> narration, Instant updatedAt) {

	/**
	 * A button or a setting on the lesson's panel.
	 *
	 * @param id the action's id: {@code set} for the lesson's {@code PUT}, otherwise the
	 * {@code {action}} of {@code POST /api/v1/lessons/{id}/{action}}
	 * @param label the button's label
	 * @param method {@code PUT} or {@code POST}
	 * @param field for a {@code PUT} or an action that takes a number: the body's field
	 * (e.g. {@code consumers}), else {@code null}
	 * @param min the smallest value of that field, or {@code null}
	 * @param max the largest value of that field, or {@code null}
	 * @param value its current value, or {@code null}
	 * @param options for a choice: the values to choose from (the body's field takes
	 * one), else empty
	 * @param hint one line on what the action does
	 */
	record Action(String id, String label, String method, String field, Integer min, Integer max, Integer value,
			List<String> options, String hint) {

		static Action button(String id, String label, String hint) {
			return new Action(id, label, "POST", null, null, null, null, List.of(), hint);
		}

		static Action number(String id, String label, String method, String field, int min, int max, Integer value,
				String hint) {
			return new Action(id, label, method, field, min, max, value, List.of(), hint);
		}

		static Action choice(String id, String label, String field, List<String> options, String hint) {
			return new Action(id, label, "POST", field, null, null, null, options, hint);
		}

	}

	/**
	 * One part of the live view. The page draws each type its own way.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Assignment.class, name = "assignment"),
			@JsonSubTypes.Type(value = Counters.class, name = "counters"),
			@JsonSubTypes.Type(value = Table.class, name = "table") })
	sealed interface Block permits Assignment, Counters, Table {

	}

	/**
	 * A group's members and the partitions each owns, drawn as partitions coloured by
	 * owner; a member with no partition is named idle.
	 *
	 * @param title the block's title
	 * @param group the group
	 * @param topic the topic
	 * @param partitions the topic's partition count
	 * @param members the members, in a stable order
	 */
	record Assignment(String title, String group, String topic, int partitions, List<Member> members) implements Block {

		/**
		 * One member.
		 *
		 * @param name its name on the page (e.g. {@code consumer-3})
		 * @param partitions the partitions it owns now
		 * @param received records it has received so far
		 * @param idle whether it owns no partition
		 */
		record Member(String name, List<Integer> partitions, long received, boolean idle) {

		}

	}

	/**
	 * Figures with labels.
	 *
	 * @param title the block's title
	 * @param items the figures
	 */
	record Counters(String title, List<Counter> items) implements Block {

		/**
		 * One figure.
		 *
		 * @param label what it counts
		 * @param value the figure, already formatted
		 * @param tone {@code good}, {@code bad} or {@code null} for neither
		 */
		record Counter(String label, String value, String tone) {

		}

	}

	/**
	 * A small table.
	 *
	 * @param title the block's title
	 * @param columns the column headings
	 * @param rows the rows, cells already formatted
	 */
	record Table(String title, List<String> columns, List<List<String>> rows) implements Block {

	}

}
