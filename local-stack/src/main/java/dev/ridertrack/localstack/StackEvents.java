package dev.ridertrack.localstack;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What happened to the stack's processes that nobody asked for: crashes, restarts, a
 * process given up on. The control API serves them ({@code GET /api/stack/events}) for a
 * timeline; the newest {@value #KEPT} are kept.
 */
final class StackEvents {

	enum Kind {

		/** exited without being asked to */
		CRASHED,
		/** started again by the supervisor */
		RESTARTED,
		/** ready again after a restart */
		RECOVERED,
		/** crashed too often in a row: left down */
		GAVE_UP

	}

	/**
	 * One event.
	 *
	 * @param time when it happened
	 * @param kind what happened
	 * @param process the process's name, e.g. {@code db-writer-2}
	 * @param text a sentence saying it, as the console printed it
	 */
	record Event(Instant time, Kind kind, String process, String text) {
	}

	private static final int KEPT = 200;

	private final Deque<Event> events = new ArrayDeque<>();

	private volatile Runnable listener = () -> {
	};

	void add(Kind kind, String process, String text) {
		synchronized (this) {
			this.events.addLast(new Event(Instant.now(), kind, process, text));
			if (this.events.size() > KEPT) {
				this.events.removeFirst();
			}
		}
		this.listener.run();
	}

	/**
	 * What to do after each event.
	 * @param listener runs on the thread that added the event
	 */
	void onEvent(Runnable listener) {
		this.listener = listener;
	}

	synchronized List<Event> all() {
		return List.copyOf(this.events);
	}

}
