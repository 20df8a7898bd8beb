package dev.ridertrack.analytics.zones;

import java.util.stream.Collectors;

import dev.ridertrack.events.ZoneStats;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.web.server.ResponseStatusException;

/**
 * Hands the topology to Spring's {@code StreamsBuilderFactoryBean} and opens its window
 * stores to queries.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class AnalyticsStreamsConfiguration {

	@Bean
	KStream<String, ZoneStats> analyticsTopology(StreamsBuilder builder, AnalyticsProperties settings) {
		return AnalyticsTopology.build(builder, settings);
	}

	/**
	 * Before Kafka Streams starts: internal topics of a version with another zone
	 * partition count go (see {@link ZonePartitionsGuard}).
	 * @param settings the zone partition count
	 * @return the configurer that runs the check
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer zonePartitionsGuard(AnalyticsProperties settings) {
		return (factoryBean) -> ZonePartitionsGuard
			.deleteIfRepartitionedDifferently(factoryBean.getStreamsConfiguration(), settings.zonePartitions());
	}

	@Bean
	KafkaStreamsInteractiveQueryService interactiveQueries(StreamsBuilderFactoryBean factoryBean) {
		return new KafkaStreamsInteractiveQueryService(factoryBean);
	}

	@Bean
	ZoneQueries zoneQueries(KafkaStreamsInteractiveQueryService interactiveQueries, AnalyticsProperties settings,
			StreamsBuilderFactoryBean factoryBean) {
		return new ZoneQueries((store) -> {
			try {
				return interactiveQueries.retrieveQueryableStore(store,
						QueryableStoreTypes.<String, ZoneAggregate>windowStore());
			}
			catch (InvalidStateStoreException | IllegalStateException ex) {
				// Starting, rebalancing or stopped: the client may retry shortly.
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "zone statistics are not ready yet",
						ex);
			}
		}, settings, () -> localTasks(factoryBean.getKafkaStreams()));
	}

	/** The tasks this instance holds, or null before Kafka Streams has started. */
	private static Object localTasks(KafkaStreams streams) {
		if (streams == null) {
			return null;
		}
		return streams.metadataForLocalThreads()
			.stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.map(TaskMetadata::taskId)
			.collect(Collectors.toSet());
	}

	@Bean
	CityWideQueries cityWideQueries(ZoneQueries zoneQueries, StreamsBuilderFactoryBean factoryBean,
			KafkaStreamsInteractiveQueryService interactiveQueries) {
		return new CityWideQueries(zoneQueries, factoryBean::getKafkaStreams,
				interactiveQueries.getCurrentKafkaStreamsApplicationHostInfo());
	}

}
