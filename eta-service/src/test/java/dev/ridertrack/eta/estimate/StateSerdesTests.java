package dev.ridertrack.eta.estimate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Place;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stores' binary form keeps every field, nulls included, and still reads the JSON an
 * older version wrote to the stores and changelogs.
 */
class StateSerdesTests {

	static final ActiveOrder ORDER = new ActiveOrder("order-7", "rider-000042",
			new Place("r-1", "Café Mondegar", 18.9256, 72.8322), new Place("c-9", "Flat 4B, Bandra", 19.0596, 72.8295),
			true, Instant.parse("2026-11-22T10:15:30.123456789Z"));

	static final RiderEta RIDER = new RiderEta(17, 6.2, 0.15, "order-7", 1_763_806_530_000L, null, 1_763_806_590_000L,
			240);

	@Test
	void ordersRoundTripWithEveryField() {
		assertThat(roundTrip(StateSerdes.ACTIVE_ORDER, ORDER)).isEqualTo(ORDER);
		ActiveOrder sparse = new ActiveOrder("order-8", null, null, null, false, null);
		assertThat(roundTrip(StateSerdes.ACTIVE_ORDER, sparse)).isEqualTo(sparse);
	}

	@Test
	void riderStateRoundTripsWithEveryField() {
		assertThat(roundTrip(StateSerdes.RIDER_ETA, RIDER)).isEqualTo(RIDER);
		RiderEta fresh = new RiderEta(-1, 5.0, 0.2, null, null, null, null, 0);
		assertThat(roundTrip(StateSerdes.RIDER_ETA, fresh)).isEqualTo(fresh);
	}

	@Test
	void readsTheJsonOlderVersionsWrote() {
		byte[] json = EventJson.serializer().serialize("changelog", ORDER);
		assertThat(StateSerdes.ACTIVE_ORDER.deserializer().deserialize("changelog", json)).isEqualTo(ORDER);
		byte[] riderJson = EventJson.serializer().serialize("changelog", RIDER);
		assertThat(StateSerdes.RIDER_ETA.deserializer().deserialize("changelog", riderJson)).isEqualTo(RIDER);
	}

	@Test
	void writesExactlyTheBytesTheDataOutputStreamVersionWrote() throws IOException {
		// stores and changelogs written by the version that encoded through a
		// DataOutputStream read back, and it could read this one's: one format
		ActiveOrder unusual = new ActiveOrder("order-\u0000-9", "rider-\uD83D\uDEF5",
				new Place("r-1", "Caf\u00e9 \u4e2d\u6587", -33.9, 151.2), null, false,
				Instant.parse("1969-12-31T23:59:59.5Z"));
		for (ActiveOrder order : new ActiveOrder[] { ORDER, unusual }) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				out.writeByte(1);
				writeString(out, order.orderId());
				writeString(out, order.riderId());
				for (Place place : new Place[] { order.restaurant(), order.customer() }) {
					out.writeBoolean(place != null);
					if (place != null) {
						writeString(out, place.id());
						writeString(out, place.name());
						out.writeDouble(place.lat());
						out.writeDouble(place.lon());
					}
				}
				out.writeBoolean(order.pickedUp());
				out.writeBoolean(true);
				out.writeLong(order.since().getEpochSecond());
				out.writeInt(order.since().getNano());
			}
			assertThat(StateSerdes.ACTIVE_ORDER.serializer().serialize("t", order)).isEqualTo(bytes.toByteArray());
			assertThat(StateSerdes.ACTIVE_ORDER.deserializer().deserialize("t", bytes.toByteArray())).isEqualTo(order);
		}
	}

	@Test
	void aTruncatedValueFailsWithWhatIsWrong() {
		byte[] bytes = StateSerdes.RIDER_ETA.serializer().serialize("t", RIDER);
		assertThatThrownBy(
				() -> StateSerdes.RIDER_ETA.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("ends before its last field");
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	@Test
	void binaryIsSmallerThanJson() {
		assertThat(StateSerdes.ACTIVE_ORDER.serializer().serialize("t", ORDER))
			.hasSizeLessThan(EventJson.serializer().serialize("t", ORDER).length / 2);
	}

	private static <T> T roundTrip(Serde<T> serde, T value) {
		return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
	}

}
