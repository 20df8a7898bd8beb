package dev.ridertrack.tracking.lessons;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What one semantics did with the records on the topic, counted from its sink (the
 * "database": each record id and how many times it was written) after the crash and the
 * replacement's catch-up.
 *
 * @param semantics the delivery semantics
 * @param onTopic records on the topic
 * @param storedOnce ids written exactly once
 * @param lost ids on the topic the sink never got
 * @param duplicated ids written more than once
 * @param redelivered deliveries of an id the sink already had (written again, or for an
 * idempotent sink skipped)
 * @param crash how the first member crashed, or {@code null} if it never did
 * @param resumedAfter records the replacement member received
 */
record DeliverySemanticsOutcome(DeliverySemantics semantics, long onTopic, long storedOnce, long lost, long duplicated,
		long redelivered, DeliverySemanticsCrash crash, long resumedAfter) {

	/**
	 * Counts a sink against the ids that were sent.
	 * @param semantics the semantics
	 * @param onTopic records on the topic (read back from the broker)
	 * @param sent the ids sent
	 * @param writes the sink: id to times written
	 * @param deliveries every delivery of a record to the sink, written or skipped
	 * @param crash the crash, or {@code null}
	 * @param resumedAfter records the replacement received
	 * @return the counts
	 */
	static DeliverySemanticsOutcome count(DeliverySemantics semantics, long onTopic, Collection<String> sent,
			Map<String, Integer> writes, long deliveries, DeliverySemanticsCrash crash, long resumedAfter) {
		long storedOnce = sent.stream().filter((id) -> writes.getOrDefault(id, 0) == 1).count();
		long lost = sent.stream().filter((id) -> !writes.containsKey(id)).count();
		long duplicated = sent.stream().filter((id) -> writes.getOrDefault(id, 0) > 1).count();
		long distinct = writes.size();
		return new DeliverySemanticsOutcome(semantics, onTopic, storedOnce, lost, duplicated, deliveries - distinct,
				crash, resumedAfter);
	}

	List<String> row() {
		return List.of(this.semantics.label(), Long.toString(this.onTopic), Long.toString(this.storedOnce),
				Long.toString(this.lost), Long.toString(this.duplicated), Long.toString(this.redelivered));
	}

	/**
	 * One or two sentences on what happened, from the counts.
	 * @return the narration line
	 */
	String narrate() {
		StringBuilder line = new StringBuilder(this.semantics.label()).append(": ");
		if (this.crash == null) {
			line.append("the first consumer finished before it could crash");
		}
		else if (this.semantics == DeliverySemantics.AT_MOST_ONCE) {
			line.append("the consumer committed a batch of ")
				.append(this.crash.batch())
				.append(", wrote ")
				.append(this.crash.written())
				.append(" of it and crashed; its replacement started after the committed batch");
		}
		else {
			line.append("the consumer wrote ")
				.append(this.crash.written())
				.append(" of a batch of ")
				.append(this.crash.batch())
				.append(" and crashed before committing; its replacement read the batch again");
		}
		line.append(": ").append(this.lost).append(" lost, ").append(this.duplicated).append(" written twice");
		if (this.semantics.idempotent()) {
			line.append(", ")
				.append(this.redelivered)
				.append(" redelivered and skipped by the sink, which kept each id once");
		}
		line.append(" (")
			.append(this.storedOnce + this.duplicated)
			.append(" distinct stored, ")
			.append(this.onTopic)
			.append(" on the topic).");
		return line.toString();
	}

}
