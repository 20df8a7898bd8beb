package dev.ridertrack.events;

import java.time.Instant;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTests {

	static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

	static final Place RESTAURANT = new Place("r-17", "Bombay Canteen", 19.0176, 72.8562);

	static final Place CUSTOMER = new Place("c-9001", "Flat 4B, Hill Road", 19.0544, 72.8322);

	static Stream<Object> events() {
		return Stream.of(new RiderLocation("rider-000042", 7, "order-1", 19.076, 72.8777, 6.4, 271.5, 4.0, AT),
				new RiderLocation("rider-000043", 0, null, -33.86, 151.2, 0, 0, 12.5, AT),
				new OrderEvent("order-1", "rider-000042", OrderStatus.PICKED_UP, RESTAURANT, CUSTOMER, AT),
				new OrderEvent("order-2", null, OrderStatus.CREATED, RESTAURANT, CUSTOMER, AT),
				new EtaUpdate("order-1", "rider-000042", 412, 2310.5, AT, 7),
				new ZoneStats("te7ud2", AT, AT.plusSeconds(10), 31, 64, 5.2, 3, 1710.0));
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventRoundTripsThroughKafkaSerdesUnchanged(Object event) {
		byte[] bytes = serialize(event);
		Object read = deserialize(bytes, event.getClass());
		assertThat(read).isEqualTo(event);
	}

	@Test
	void wireFormatIsPlainJsonWithIsoTimestamps() {
		RiderLocation fix = new RiderLocation("rider-1", 3, null, 19.1, 72.9, 5, 90, 3, AT);
		String json = new String(serialize(fix));
		assertThat(json).contains("\"riderId\":\"rider-1\"")
			.contains("\"seq\":3")
			.contains("\"recordedAt\":\"2026-11-22T10:15:30.123Z\"");
	}

	@Test
	void recordWithUnknownExtraFieldStillReads() {
		String json = """
				{"riderId":"rider-1","seq":3,"orderId":null,"lat":19.1,"lon":72.9,"speedMps":5.0,
				 "headingDeg":90.0,"accuracyM":3.0,"recordedAt":"2026-11-22T10:15:30.123Z",
				 "batteryPercent":81,"appVersion":{"major":3}}""";
		RiderLocation read = deserialize(json.getBytes(), RiderLocation.class);
		assertThat(read).isEqualTo(new RiderLocation("rider-1", 3, null, 19.1, 72.9, 5, 90, 3, AT));
	}

	@Test
	void orderStatusIsWrittenByName() {
		OrderEvent event = new OrderEvent("order-1", "rider-1", OrderStatus.DELIVERED, RESTAURANT, CUSTOMER, AT);
		assertThat(new String(serialize(event))).contains("\"status\":\"DELIVERED\"");
	}

	@SuppressWarnings("unchecked")
	private static byte[] serialize(Object event) {
		try (Serializer<Object> serializer = (Serializer<Object>) (Serializer<?>) EventJson.serializer()) {
			return serializer.serialize("any-topic", event);
		}
	}

	private static <T> T deserialize(byte[] bytes, Class<T> type) {
		try (Deserializer<T> deserializer = EventJson.deserializer(type)) {
			return deserializer.deserialize("any-topic", bytes);
		}
	}

}
