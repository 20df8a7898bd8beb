package dev.ridertrack.events;

import java.time.Instant;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of every event, shared by all services so that what one writes the others
 * read. Timestamps are ISO-8601 strings, unknown fields are ignored (an older reader
 * survives a newer writer), and no type headers are needed on the wire, so any Kafka
 * client in any language can produce and consume plain JSON.
 */
public final class EventJson {

	/** The only package whose types the deserializers will create. */
	public static final String TRUSTED_PACKAGE = "dev.ridertrack.events";

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.addModule(new SimpleModule("ridertrack-hot-path").addDeserializer(Instant.class, new FastInstantDeserializer())
			.addDeserializer(RiderLocation.class, new RiderLocationDeserializer()))
		.build();

	private EventJson() {
	}

	/**
	 * The mapper every service uses for events.
	 * @return the shared, thread-safe mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * A Kafka serializer that writes events as plain JSON without type headers.
	 * @param <T> the event type
	 * @return a new serializer
	 */
	public static <T> JacksonJsonSerializer<T> serializer() {
		return new JacksonJsonSerializer<T>(MAPPER).noTypeInfo();
	}

	/**
	 * A Kafka deserializer that reads one event type and ignores type headers.
	 * @param <T> the event type
	 * @param type the event type
	 * @return a new deserializer
	 */
	public static <T> JacksonJsonDeserializer<T> deserializer(Class<T> type) {
		JacksonJsonDeserializer<T> deserializer = new JacksonJsonDeserializer<>(type, MAPPER, false);
		deserializer.addTrustedPackages(TRUSTED_PACKAGE);
		return deserializer;
	}

}
