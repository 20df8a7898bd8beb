package dev.ridertrack.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic catalog: every topic RiderTrack uses, in one place. The platform creates them
 * from here (the local stack, the compose topic initialiser and every service's
 * {@code NewTopic} beans); brokers never auto-create them.
 */
public final class Topics {

	/**
	 * Every rider's GPS fixes, keyed by rider id. Twelve partitions divide evenly among
	 * 1, 2, 3, 4 and 6 consumer instances.
	 */
	public static final TopicSpec<String, RiderLocation> RIDER_LOCATIONS = new TopicSpec<>("rider-locations",
			String.class, RiderLocation.class, 12, Duration.ofHours(24), "lz4");

	/** The order lifecycle from the (simulated) order system, keyed by order id. */
	public static final TopicSpec<String, OrderEvent> ORDER_EVENTS = new TopicSpec<>("order-events", String.class,
			OrderEvent.class, 6, Duration.ofDays(7), "lz4");

	/** Each active order's ETA as eta-service computes it, keyed by order id. */
	public static final TopicSpec<String, EtaUpdate> ETA_UPDATES = new TopicSpec<>("eta-updates", String.class,
			EtaUpdate.class, 6, Duration.ofDays(1), "lz4");

	/** Windowed aggregates per zone from analytics-service, keyed by zone id. */
	public static final TopicSpec<String, ZoneStats> ZONE_STATS = new TopicSpec<>("zone-stats", String.class,
			ZoneStats.class, 6, Duration.ofDays(1), "lz4");

	private static final List<TopicSpec<String, ?>> EVENT_TOPICS = List.of(RIDER_LOCATIONS, ORDER_EVENTS, ETA_UPDATES,
			ZONE_STATS);

	private Topics() {
	}

	/**
	 * The topics that carry events, without their dead-letter topics.
	 * @return the event topics
	 */
	public static List<TopicSpec<String, ?>> eventTopics() {
		return EVENT_TOPICS;
	}

	/**
	 * Every topic to create: each event topic followed by its dead-letter topic.
	 * @return all topics of the catalog
	 */
	public static List<TopicSpec<String, ?>> all() {
		List<TopicSpec<String, ?>> all = new ArrayList<>();
		for (TopicSpec<String, ?> topic : EVENT_TOPICS) {
			all.add(topic);
			all.add(topic.deadLetter());
		}
		return List.copyOf(all);
	}

}
