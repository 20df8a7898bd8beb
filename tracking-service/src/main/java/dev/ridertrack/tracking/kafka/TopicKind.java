package dev.ridertrack.tracking.kafka;

import java.util.Set;
import java.util.stream.Collectors;

import dev.ridertrack.events.TopicSpec;
import dev.ridertrack.events.Topics;

/**
 * What a topic is for, as the page groups them.
 */
enum TopicKind {

	CATALOG, DEAD_LETTER, STREAMS, LESSON, INTERNAL, OTHER;

	private static final Set<String> CATALOG_NAMES = Topics.all()
		.stream()
		.map(TopicSpec::name)
		.collect(Collectors.toUnmodifiableSet());

	static TopicKind of(String name, boolean internal) {
		if (internal || name.startsWith("__")) {
			return INTERNAL;
		}
		if (name.endsWith(".DLT")) {
			return DEAD_LETTER;
		}
		if (name.endsWith("-changelog") || name.endsWith("-repartition")) {
			return STREAMS;
		}
		if (name.startsWith("lesson-")) {
			return LESSON;
		}
		return CATALOG_NAMES.contains(name) ? CATALOG : OTHER;
	}

	/** Hidden unless the page asks for internal topics. */
	boolean internal() {
		return this == INTERNAL || this == STREAMS;
	}

}
