package dev.ridertrack.tracking.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What became of one poison record: its dead letters and each reading group's progress.
 *
 * @param key the record's unique key
 * @param partition its partition of {@code rider-locations}
 * @param offset its offset
 * @param deadLetters its records in {@code rider-locations.DLT}
 * @param groups the groups reading the topic
 * @param tookMs from the send until every group had moved on (or the lesson stopped
 * waiting)
 */
record PoisonOutcome(String key, int partition, long offset, List<DeadLetter> deadLetters, List<GroupProgress> groups,
		long tookMs) {

	/** A dead letter with no group header (a publisher that does not name its group). */
	static final String NO_GROUP = "(no group header)";

	PoisonOutcome withGroups(List<GroupProgress> now) {
		return new PoisonOutcome(this.key, this.partition, this.offset, this.deadLetters, now, this.tookMs);
	}

	long deadLettersOf(String group) {
		return this.deadLetters.stream().filter((d) -> d.group().equals(group)).count();
	}

	List<String> narrate() {
		List<String> lines = new ArrayList<>();
		lines.add("One record that is not JSON went to rider-locations, partition " + this.partition + " offset "
				+ this.offset + ", key " + this.key + ".");
		long withGroup = this.groups.stream().filter((g) -> deadLettersOf(g.group()) > 0).count();
		lines.add("It reached rider-locations.DLT " + this.deadLetters.size() + " time"
				+ ((this.deadLetters.size() == 1) ? "" : "s") + ", once per group that read it: " + withGroup + " of "
				+ this.groups.size() + " reading group" + ((this.groups.size() == 1) ? "" : "s")
				+ " named in the header kafka_dlt-original-consumer-group.");
		long unnamed = deadLettersOf(NO_GROUP);
		if (unnamed > 0) {
			lines.add(unnamed + " dead letter" + ((unnamed == 1) ? " has" : "s have")
					+ " no group header: its publisher does not name its group.");
		}
		List<String> movedOn = new ArrayList<>();
		List<String> stuck = new ArrayList<>();
		for (GroupProgress group : this.groups) {
			if (group.committed() > this.offset) {
				movedOn.add(group.group() + " (committed " + group.committed() + ", lag " + group.lag() + ")");
			}
			else {
				stuck.add(group.group() + " (committed " + ((group.committed() < 0) ? "nothing" : group.committed())
						+ ", lag " + group.lag() + ")");
			}
		}
		if (!movedOn.isEmpty()) {
			lines.add("Moved past it: " + String.join(", ", movedOn) + "; the dead letters and commits came within "
					+ this.tookMs + " ms of the send.");
		}
		if (!stuck.isEmpty()) {
			lines.add("Not past it yet: " + String.join(", ", stuck) + ".");
		}
		if (this.groups.isEmpty()) {
			lines.add("No group with members reads rider-locations right now, so nobody has read it yet.");
		}
		return lines;
	}

	/**
	 * One record in the dead-letter topic.
	 *
	 * @param group the group that sent it there
	 * @param partition its partition
	 * @param offset its offset
	 * @param exception the exception's class
	 * @param headers every header, decoded for reading
	 */
	record DeadLetter(String group, int partition, long offset, String exception, Map<String, String> headers) {

	}

	/**
	 * One group reading the topic.
	 *
	 * @param group the group id
	 * @param type classic, consumer or streams
	 * @param committed its committed offset on the poison record's partition, or -1
	 * @param lag records behind over the whole topic
	 */
	record GroupProgress(String group, String type, long committed, long lag) {

	}

}
