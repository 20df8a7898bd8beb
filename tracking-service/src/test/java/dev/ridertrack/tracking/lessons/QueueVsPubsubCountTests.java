package dev.ridertrack.tracking.lessons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueVsPubsubCountTests {

	@Test
	void countsOnlyTheBurstsRecordsAndNarratesTheSplit() {
		QueueVsPubsubCount count = new QueueVsPubsubCount("b1", 4, groups());
		count.received("lesson-group", "consumer-1", "b1:1");
		count.received("lesson-group", "consumer-2", "b1:2");
		count.received("lesson-group", "consumer-2", "b1:3");
		count.received("lesson-group", "consumer-2", "b1:4");
		count.received("lesson-group", "consumer-1", "b0:9");
		count.received("lesson-group", "consumer-1", "42");
		for (int i = 1; i <= 4; i++) {
			count.received("lesson-group-b", "consumer-b1", "b1:" + i);
		}
		assertThat(count.complete()).isTrue();
		assertThat(count.distinct("lesson-group")).isEqualTo(4);
		assertThat(count.shared("lesson-group")).isZero();
		assertThat(count.narrate()).containsExactly(
				"Both groups received all 4 records: publish–subscribe, each group gets the whole stream.",
				"Inside lesson-group, consumer-1 took 1 and consumer-2 took 3: a queue, the members share the work and"
						+ " no record reached two of them.",
				"lesson-group-b's only member consumer-b1 took 4.");
	}

	@Test
	void aRecordReceivedByTwoMembersIsCountedAsShared() {
		QueueVsPubsubCount count = new QueueVsPubsubCount("b1", 2, groups());
		count.received("lesson-group", "consumer-1", "b1:1");
		count.received("lesson-group", "consumer-2", "b1:1");
		count.received("lesson-group", "consumer-2", "b1:2");
		assertThat(count.distinct("lesson-group")).isEqualTo(2);
		assertThat(count.sum("lesson-group")).isEqualTo(3);
		assertThat(count.shared("lesson-group")).isEqualTo(1);
		assertThat(count.complete()).isFalse();
		assertThat(count.narrate().get(0))
			.isEqualTo("lesson-group received 2 of 2; lesson-group-b received 0 of 2 within the wait.");
	}

	private static Map<String, List<String>> groups() {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		groups.put("lesson-group", List.of("consumer-1", "consumer-2"));
		groups.put("lesson-group-b", List.of("consumer-b1"));
		return groups;
	}

}
