package dev.ridertrack.eta.estimate;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

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

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	static final Serde<ActiveOrder> ACTIVE_ORDER = serde(StateSerdes::writeOrder, StateSerdes::readOrder,
			ActiveOrder.class);

	static final Serde<RiderEta> RIDER_ETA = serde(StateSerdes::writeRider, StateSerdes::readRider, RiderEta.class);

	private StateSerdes() {
	}

	private static void writeOrder(ActiveOrder order, Out out) {
		out.writeString(order.orderId());
		out.writeString(order.riderId());
		writePlace(out, order.restaurant());
		writePlace(out, order.customer());
		out.writeBoolean(order.pickedUp());
		out.writeBoolean(order.since() != null);
		if (order.since() != null) {
			out.writeLong(order.since().getEpochSecond());
			out.writeInt(order.since().getNano());
		}
	}

	private static ActiveOrder readOrder(In in) {
		String orderId = in.readString();
		String riderId = in.readString();
		Place restaurant = readPlace(in);
		Place customer = readPlace(in);
		boolean pickedUp = in.readBoolean();
		Instant since = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
		return new ActiveOrder(orderId, riderId, restaurant, customer, pickedUp, since);
	}

	private static void writeRider(RiderEta state, Out out) {
		out.writeLong(state.lastSeq());
		out.writeDouble(state.movingSpeedMps());
		out.writeDouble(state.stopShare());
		out.writeString(state.orderId());
		out.writeOptionalLong(state.arrivedAtRestaurantMs());
		out.writeOptionalLong(state.arrivedAtCustomerMs());
		out.writeOptionalLong(state.publishedAtMs());
		out.writeLong(state.publishedEtaSeconds());
	}

	private static RiderEta readRider(In in) {
		return new RiderEta(in.readLong(), in.readDouble(), in.readDouble(), in.readString(), in.readOptionalLong(),
				in.readOptionalLong(), in.readOptionalLong(), in.readLong());
	}

	private static void writePlace(Out out, Place place) {
		out.writeBoolean(place != null);
		if (place != null) {
			out.writeString(place.id());
			out.writeString(place.name());
			out.writeDouble(place.lat());
			out.writeDouble(place.lon());
		}
	}

	private static Place readPlace(In in) {
		return in.readBoolean() ? new Place(in.readString(), in.readString(), in.readDouble(), in.readDouble()) : null;
	}

	private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader, Class<T> type) {
		// the service's own types: read by type, never from headers
		Deserializer<T> json = new JacksonJsonDeserializer<>(type, EventJson.mapper(), false);
		Serializer<T> serializer = (topic, value) -> {
			if (value == null) {
				return null;
			}
			Out out = new Out();
			out.writeByte(FORMAT);
			writer.write(value, out);
			return out.toByteArray();
		};
		Deserializer<T> deserializer = (topic, data) -> {
			if (data == null) {
				return null;
			}
			if (data.length > 0 && data[0] == '{') {
				return json.deserialize(topic, data);
			}
			try {
				return reader.read(new In(data, 1));
			}
			catch (IndexOutOfBoundsException ex) {
				throw new UncheckedIOException(new EOFException(
						"a " + type.getSimpleName() + " of " + data.length + " bytes ends before its last field"));
			}
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

	@FunctionalInterface
	private interface Writer<T> {

		void write(T value, Out out);

	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(In in);

	}

	/**
	 * Writes the format: numbers big-endian, a boolean as one byte, a nullable string as
	 * a presence byte and then what {@link DataOutput#writeUTF} writes (the form the
	 * first version of this class wrote through a {@code DataOutputStream}, whose
	 * synchronised stream calls per field were a tenth of the stream thread).
	 */
	static final class Out {

		private byte[] bytes = new byte[128];

		private int size;

		void writeByte(int value) {
			ensure(1);
			this.bytes[this.size++] = (byte) value;
		}

		void writeBoolean(boolean value) {
			writeByte(value ? 1 : 0);
		}

		void writeInt(int value) {
			ensure(4);
			INTS.set(this.bytes, this.size, value);
			this.size += 4;
		}

		void writeLong(long value) {
			ensure(8);
			LONGS.set(this.bytes, this.size, value);
			this.size += 8;
		}

		void writeDouble(double value) {
			writeLong(Double.doubleToLongBits(value));
		}

		void writeOptionalLong(Long value) {
			writeBoolean(value != null);
			if (value != null) {
				writeLong(value);
			}
		}

		void writeString(String value) {
			writeBoolean(value != null);
			if (value != null) {
				writeUtf(value);
			}
		}

		/**
		 * Modified UTF-8 with a two-byte length, as {@link DataOutput#writeUTF} writes
		 * it: U+0000 in two bytes, supplementary characters as their two surrogates.
		 */
		private void writeUtf(String value) {
			int length = 0;
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				length += (c >= 0x0001 && c <= 0x007F) ? 1 : (c <= 0x07FF) ? 2 : 3;
			}
			if (length > 0xFFFF) {
				throw new UncheckedIOException(
						new UTFDataFormatException("a string of " + length + " bytes is longer than 65535"));
			}
			ensure(2 + length);
			this.bytes[this.size++] = (byte) (length >>> 8);
			this.bytes[this.size++] = (byte) length;
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c >= 0x0001 && c <= 0x007F) {
					this.bytes[this.size++] = (byte) c;
				}
				else if (c <= 0x07FF) {
					this.bytes[this.size++] = (byte) (0xC0 | (c >> 6));
					this.bytes[this.size++] = (byte) (0x80 | (c & 0x3F));
				}
				else {
					this.bytes[this.size++] = (byte) (0xE0 | (c >> 12));
					this.bytes[this.size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					this.bytes[this.size++] = (byte) (0x80 | (c & 0x3F));
				}
			}
		}

		private void ensure(int more) {
			if (this.size + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
			}
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

	}

	/**
	 * Reads what {@link Out} writes. Past the end it throws
	 * {@link IndexOutOfBoundsException}.
	 */
	static final class In {

		private final byte[] bytes;

		private int position;

		In(byte[] bytes, int position) {
			this.bytes = bytes;
			this.position = position;
		}

		boolean readBoolean() {
			return this.bytes[this.position++] != 0;
		}

		int readInt() {
			int value = (int) INTS.get(this.bytes, this.position);
			this.position += 4;
			return value;
		}

		long readLong() {
			long value = (long) LONGS.get(this.bytes, this.position);
			this.position += 8;
			return value;
		}

		double readDouble() {
			return Double.longBitsToDouble(readLong());
		}

		Long readOptionalLong() {
			return readBoolean() ? readLong() : null;
		}

		String readString() {
			return readBoolean() ? readUtf() : null;
		}

		private String readUtf() {
			int length = ((this.bytes[this.position] & 0xFF) << 8) | (this.bytes[this.position + 1] & 0xFF);
			int start = this.position + 2;
			Objects.checkFromIndexSize(start, length, this.bytes.length);
			this.position = start + length;
			for (int i = start; i < start + length; i++) {
				if (this.bytes[i] <= 0) {
					// not plain ASCII: DataInputStream decodes modified UTF-8 (and
					// rejects
					// what is not)
					try {
						return new DataInputStream(new ByteArrayInputStream(this.bytes, start - 2, length + 2))
							.readUTF();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
			return new String(this.bytes, start, length, StandardCharsets.US_ASCII);
		}

	}

}
