package dev.ridertrack.tracking.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The narrated events, kept for at least the history's duration and at most a bounded
 * number.
 */
final class Timeline {

	private final Duration keep;

	private final int maxEvents;

	private final Deque<TimelineEvent> events = new ArrayDeque<>();

	Timeline(Duration keep, int maxEvents) {
		this.keep = keep;
		this.maxEvents = maxEvents;
	}

	synchronized void addAll(List<TimelineEvent> added, Instant now) {
		added.forEach(this.events::addLast);
		Instant oldest = now.minus(this.keep);
		while (this.events.size() > this.maxEvents
				|| (!this.events.isEmpty() && this.events.peekFirst().time().isBefore(oldest))) {
			this.events.removeFirst();
		}
	}

	/** Newest first, after {@code since} (when given). */
	synchronized List<TimelineEvent> newest(Instant since, int limit) {
		List<TimelineEvent> answer = new ArrayList<>();
		Iterator<TimelineEvent> newestFirst = this.events.descendingIterator();
		while (newestFirst.hasNext() && answer.size() < limit) {
			TimelineEvent event = newestFirst.next();
			if (since != null && !event.time().isAfter(since)) {
				break;
			}
			answer.add(event);
		}
		return answer;
	}

}
