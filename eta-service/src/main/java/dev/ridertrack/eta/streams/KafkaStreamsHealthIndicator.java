package dev.ridertrack.eta.streams;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * UP while the topology runs or rebalances; DOWN once it has failed or stopped, so an
 * orchestrator restarts an instance whose stream threads have died although its web
 * server still answers.
 */
class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

	private final StreamsBuilderFactoryBean factoryBean;

	KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
		super("Kafka Streams health check failed");
		this.factoryBean = factoryBean;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaStreams streams = this.factoryBean.getKafkaStreams();
		if (streams == null) {
			builder.outOfService().withDetail("state", "NOT_STARTED");
			return;
		}
		KafkaStreams.State state = streams.state();
		switch (state) {
			case RUNNING, REBALANCING -> builder.up();
			case ERROR, NOT_RUNNING, PENDING_ERROR -> builder.down();
			default -> builder.outOfService();
		}
		builder.withDetail("state", state.name()).withDetail("threads", streams.metadataForLocalThreads().size());
	}

}
