package dev.ridertrack.eta.estimate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Place;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * The topology's own state, in a compact binary form. Both stores are read for every fix
 * (the rider's order for the join, the rider's learnt state for the estimate) and written
 * for most, so their form is on the hot path: reading them as JSON was a fifth of the
 * stream thread. Each value starts with a format byte; a value starting with
 * <code>{</code> is the JSON this service wrote before, read as JSON, so stores and
 * changelogs written by an older version still restore.
 */
final class StateSerdes {

	private static final byte FORMAT = 1;

	static final Serde<ActiveOrder> ACTIVE_ORDER = serde(StateSerdes::writeOrder, StateSerdes::readOrder,
			ActiveOrder.class);

	static final Serde<RiderEta> RIDER_ETA = serde(StateSerdes::writeRider, StateSerdes::readRider, RiderEta.class);

	private StateSerdes() {
	}

	private static void writeOrder(ActiveOrder order, DataOutputStream out) throws IOException {
		writeString(out, order.orderId());
		writeString(out, order.riderId());
		writePlace(out, order.restaurant());
		writePlace(out, order.customer());
		out.writeBoolean(order.pickedUp());
		out.writeBoolean(order.since() != null);
		if (order.since() != null) {
			out.writeLong(order.since().getEpochSecond());
			out.writeInt(order.since().getNano());
		}
	}

	private static ActiveOrder readOrder(DataInputStream in) throws IOException {
		String orderId = readString(in);
		String riderId = readString(in);
		Place restaurant = readPlace(in);
		Place customer = readPlace(in);
		boolean pickedUp = in.readBoolean();
		Instant since = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
		return new ActiveOrder(orderId, riderId, restaurant, customer, pickedUp, since);
	}

	private static void writeRider(RiderEta state, DataOutputStream out) throws IOException {
		out.writeLong(state.lastSeq());
		out.writeDouble(state.movingSpeedMps());
		out.writeDouble(state.stopShare());
		writeString(out, state.orderId());
		writeLong(out, state.arrivedAtRestaurantMs());
		writeLong(out, state.arrivedAtCustomerMs());
		writeLong(out, state.publishedAtMs());
		out.writeLong(state.publishedEtaSeconds());
	}

	private static RiderEta readRider(DataInputStream in) throws IOException {
		return new RiderEta(in.readLong(), in.readDouble(), in.readDouble(), readString(in), readLong(in), readLong(in),
				readLong(in), in.readLong());
	}

	private static void writePlace(DataOutputStream out, Place place) throws IOException {
		out.writeBoolean(place != null);
		if (place != null) {
			writeString(out, place.id());
			writeString(out, place.name());
			out.writeDouble(place.lat());
			out.writeDouble(place.lon());
		}
	}

	private static Place readPlace(DataInputStream in) throws IOException {
		return in.readBoolean() ? new Place(readString(in), readString(in), in.readDouble(), in.readDouble()) : null;
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static String readString(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

	private static void writeLong(DataOutputStream out, Long value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeLong(value);
		}
	}

	private static Long readLong(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readLong() : null;
	}

	private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader, Class<T> type) {
		// the service's own types: read by type, never from headers
		Deserializer<T> json = new JacksonJsonDeserializer<>(type, EventJson.mapper(), false);
		Serializer<T> serializer = (topic, value) -> {
			if (value == null) {
				return null;
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				out.writeByte(FORMAT);
				writer.write(value, out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return bytes.toByteArray();
		};
		Deserializer<T> deserializer = (topic, data) -> {
			if (data == null) {
				return null;
			}
			if (data.length > 0 && data[0] == '{') {
				return json.deserialize(topic, data);
			}
			try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
				return reader.read(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

	@FunctionalInterface
	private interface Writer<T> {

		void write(T value, DataOutputStream out) throws IOException;

	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(DataInputStream in) throws IOException;

	}

}
