package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Deletes analytics' internal topics, before Kafka Streams starts, when the zone windows'
 * repartition topic has another partition count than {@code zone-partitions}: a cluster
 * that an older version ran on had 12. Kafka Streams refuses to start on an internal
 * topic with the wrong count ("Existing internal topic ... has invalid partitions"), so
 * {@code ./ridertrack up} on an existing data directory would leave analytics down. What
 * goes is what {@code kafka-streams-application-reset} (and the replay lesson) removes:
 * the window stores' changelogs and the repartition topic; the windows refill from the
 * input as it comes (the committed input offsets stay), the local state is wiped by
 * {@code StaleStateGuard} because its changelogs are gone.
 */
final class ZonePartitionsGuard {

	private static final Log logger = LogFactory.getLog(ZonePartitionsGuard.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	/** The repartition topic's name after the application id. */
	static final String REPARTITION_SUFFIX = "-zone-slices-repartition";

	private ZonePartitionsGuard() {
	}

	/**
	 * Delete the application's internal topics if the repartition topic has another
	 * partition count. If the cluster does not answer, nothing is done and Kafka Streams'
	 * own check applies.
	 * @param streamsConfig the Streams configuration (application id, bootstrap servers,
	 * security settings)
	 * @param partitions the partition count the topology asks for
	 * @return the topics deleted (empty when none had to be)
	 */
	static List<String> deleteIfRepartitionedDifferently(Properties streamsConfig, int partitions) {
		String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		String repartition = applicationId + REPARTITION_SUFFIX;
		try (Admin admin = Admin.create(adminConfig(streamsConfig, applicationId))) {
			if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(repartition)) {
				return List.of();
			}
			TopicDescription description = admin.describeTopics(List.of(repartition))
				.allTopicNames()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(repartition);
			if (description.partitions().size() == partitions) {
				return List.of();
			}
			List<String> internal = admin.listTopics()
				.names()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.stream()
				.filter((name) -> name.startsWith(applicationId + "-")
						&& (name.endsWith("-changelog") || name.endsWith("-repartition")))
				.sorted()
				.toList();
			logger.warn(repartition + " has " + description.partitions().size() + " partitions, this version uses "
					+ partitions + ": deleting " + internal
					+ " (as kafka-streams-application-reset does); the zone windows refill from the input");
			admin.deleteTopics(internal).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return internal;
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.info("Could not check " + repartition + "'s partitions; leaving it to Kafka Streams: " + ex);
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	private static Map<String, Object> adminConfig(Properties streamsConfig, String applicationId) {
		Map<String, Object> config = new HashMap<>();
		// bootstrap servers and any security settings, as the application's own clients
		for (String name : AdminClientConfig.configNames()) {
			if (streamsConfig.containsKey(name)) {
				config.put(name, streamsConfig.get(name));
			}
		}
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-partitions-guard");
		return config;
	}

}
