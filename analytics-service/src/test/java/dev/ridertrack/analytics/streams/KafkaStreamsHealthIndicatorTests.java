package dev.ridertrack.analytics.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class KafkaStreamsHealthIndicatorTests {

	StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);

	KafkaStreams streams = mock(KafkaStreams.class);

	@ParameterizedTest
	@EnumSource(value = KafkaStreams.State.class, names = { "RUNNING", "REBALANCING" })
	void upWhileRunningOrRebalancing(KafkaStreams.State state) {
		assertThat(statusIn(state)).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(value = KafkaStreams.State.class, names = { "ERROR", "NOT_RUNNING", "PENDING_ERROR" })
	void downOnceFailedOrStopped(KafkaStreams.State state) {
		assertThat(statusIn(state)).isEqualTo(Status.DOWN);
	}

	@Test
	void outOfServiceBeforeStart() {
		given(this.factoryBean.getKafkaStreams()).willReturn(null);
		assertThat(new KafkaStreamsHealthIndicator(this.factoryBean).health(true).getStatus())
			.isEqualTo(Status.OUT_OF_SERVICE);
	}

	private Status statusIn(KafkaStreams.State state) {
		given(this.factoryBean.getKafkaStreams()).willReturn(this.streams);
		given(this.streams.state()).willReturn(state);
		return new KafkaStreamsHealthIndicator(this.factoryBean).health(true).getStatus();
	}

}
