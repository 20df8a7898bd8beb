package dev.ridertrack.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTests {

	@Test
	void catalogHoldsTheDesignTopicsWithTheirPartitions() {
		assertThat(Topics.eventTopics()).extracting(TopicSpec::name, TopicSpec::partitions)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("rider-locations", 12),
					org.assertj.core.groups.Tuple.tuple("order-events", 6),
					org.assertj.core.groups.Tuple.tuple("eta-updates", 6),
					org.assertj.core.groups.Tuple.tuple("zone-stats", 6));
	}

	@Test
	void everyTopicHasADeadLetterTopicWithTheSamePartitions() {
		assertThat(Topics.all()).hasSize(8);
		for (TopicSpec<String, ?> topic : Topics.eventTopics()) {
			assertThat(Topics.all()).anySatisfy((dlt) -> {
				assertThat(dlt.name()).isEqualTo(topic.name() + ".DLT");
				assertThat(dlt.partitions()).isEqualTo(topic.partitions());
				assertThat(dlt.isDeadLetter()).isTrue();
			});
		}
	}

	@Test
	void riderLocationsKeepADayCompressed() {
		assertThat(Topics.RIDER_LOCATIONS.config(2)).containsEntry("retention.ms", "86400000")
			.containsEntry("compression.type", "lz4")
			.containsEntry("min.insync.replicas", "2");
	}

}
