package dev.ridertrack.tracking.lessons;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoisonOutcomeTests {

	@Test
	void countsDeadLettersPerGroupAndSaysWhichGroupsMovedOn() {
		PoisonOutcome outcome = new PoisonOutcome("lesson-poison-1", 3, 41,
				List.of(deadLetter("tracking"), deadLetter("db-writer")),
				List.of(new PoisonOutcome.GroupProgress("db-writer", "CLASSIC", 40, 7),
						new PoisonOutcome.GroupProgress("tracking", "CLASSIC", 42, 0)),
				900);

		assertThat(outcome.deadLettersOf("tracking")).isEqualTo(1);
		assertThat(outcome.narrate()).containsExactly(
				"One record that is not JSON went to rider-locations, partition 3 offset 41, key lesson-poison-1.",
				"It reached rider-locations.DLT 2 times, once per group that read it: 2 of 2 reading groups named in "
						+ "the header kafka_dlt-original-consumer-group.",
				"Moved past it: tracking (committed 42, lag 0); the dead letters and commits came within 900 ms of "
						+ "the send.",
				"Not past it yet: db-writer (committed 40, lag 7).");
	}

	@Test
	void decodesSpringKafkasNumericHeaders() {
		assertThat(PoisonLesson
			.headerValue(new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(7).array())))
			.isEqualTo("7");
		assertThat(PoisonLesson
			.headerValue(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(123L).array())))
			.isEqualTo("123");
		assertThat(PoisonLesson.headerValue(new RecordHeader("kafka_dlt-exception-stacktrace",
				"first line\n\tat somewhere".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo("first line …");
	}

	private static PoisonOutcome.DeadLetter deadLetter(String group) {
		return new PoisonOutcome.DeadLetter(group, 3, 0, "DeserializationException", Map.of());
	}

}
