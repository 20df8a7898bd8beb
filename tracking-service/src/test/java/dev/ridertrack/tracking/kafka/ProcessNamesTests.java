package dev.ridertrack.tracking.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessNamesTests {

	@Test
	void firstInstanceIsTheServiceWhateverSpringKafkaAppends() {
		assertThat(ProcessNames.processOf("db-writer")).isEqualTo("db-writer");
		assertThat(ProcessNames.processOf("db-writer-0")).isEqualTo("db-writer");
		assertThat(ProcessNames.processOf("db-writer-2")).isEqualTo("db-writer");
	}

	@Test
	void laterInstancesAreNamedByTheLocalStacksClientId() {
		assertThat(ProcessNames.processOf("db-writer-2-0")).isEqualTo("db-writer-2");
		assertThat(ProcessNames.processOf("tracking-service-3-1")).isEqualTo("tracking-service-3");
	}

	@Test
	void kafkaStreamsThreadsBelongToTheirInstance() {
		assertThat(ProcessNames.processOf("eta-service-StreamThread-1-consumer")).isEqualTo("eta-service");
		assertThat(ProcessNames.processOf("eta-service-2-StreamThread-2-consumer")).isEqualTo("eta-service-2");
		assertThat(ProcessNames.processOf("analytics-service-3-StreamThread-1-restore-consumer"))
			.isEqualTo("analytics-service-3");
	}

	@Test
	void clientsThatAreNotRiderTracksAreUnknown() {
		assertThat(ProcessNames.processOf("console-consumer-4411")).isNull();
		assertThat(ProcessNames.processOf("db-writers")).isNull();
		assertThat(ProcessNames.processOf(null)).isNull();
	}

}
