package dev.ridertrack.analytics.zones;

import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one task has collected for one zone in one slice of time and not yet passed on:
 * the totals, and the event time of the latest fix in them (the time the totals travel
 * with, so the zone windows see stream time as the fixes made it).
 */
final class ZoneSlice {

	static final Serde<ZoneSlice> SERDE = Serdes.serdeFrom(new SliceSerializer(), new SliceDeserializer());

	private static final Serializer<ZoneAggregate> AGGREGATE = ZoneAggregate.SERDE.serializer();

	private static final Deserializer<ZoneAggregate> AGGREGATE_READER = ZoneAggregate.SERDE.deserializer();

	final ZoneAggregate totals;

	long latest;

	/** Changed since the task last committed ({@link OpenSlices}). */
	boolean unsaved;

	ZoneSlice(ZoneAggregate totals, long latest) {
		this.totals = totals;
		this.latest = latest;
	}

	ZoneSlice addFix(String riderId, double speedMps, long at) {
		this.totals.addFix(riderId, speedMps);
		this.latest = Math.max(this.latest, at);
		return this;
	}

	static final class SliceSerializer implements Serializer<ZoneSlice> {

		@Override
		public byte[] serialize(String topic, ZoneSlice slice) {
			if (slice == null) {
				return null;
			}
			byte[] totals = AGGREGATE.serialize(topic, slice.totals);
			return ByteBuffer.allocate(8 + totals.length).putLong(slice.latest).put(totals).array();
		}

	}

	static final class SliceDeserializer implements Deserializer<ZoneSlice> {

		@Override
		public ZoneSlice deserialize(String topic, byte[] data) {
			if (data == null) {
				return null;
			}
			long latest = ByteBuffer.wrap(data, 0, 8).getLong();
			byte[] totals = new byte[data.length - 8];
			System.arraycopy(data, 8, totals, 0, totals.length);
			return new ZoneSlice(AGGREGATE_READER.deserialize(topic, totals), latest);
		}

	}

}
