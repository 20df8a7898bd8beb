package dev.ridertrack.analytics.zones;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import dev.ridertrack.events.ZoneStats;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One zone's running totals over one window. Riders are kept as a sorted set of
 * {@link ZoneEvent#riderHash rider hashes} (4 bytes each), so the distinct count is exact
 * and sets of zones or windows can be united for city-wide counts. Stored in a compact
 * binary form: the window stores read and write it on every fix.
 */
final class ZoneAggregate {

	static final Serde<ZoneAggregate> SERDE = Serdes.serdeFrom(new AggregateSerializer(), new AggregateDeserializer());

	long fixes;

	double speedSum;

	int[] riders;

	int riderCount;

	long deliveries;

	long timedDeliveries;

	double deliverySecondsSum;

	ZoneAggregate() {
		this.riders = new int[4];
	}

	ZoneAggregate add(ZoneEvent event) {
		if (event.delivery()) {
			this.deliveries++;
			if (!Double.isNaN(event.deliverySeconds())) {
				this.timedDeliveries++;
				this.deliverySecondsSum += event.deliverySeconds();
			}
		}
		else {
			this.fixes++;
			this.speedSum += event.speedMps();
			addRider(event.rider());
		}
		return this;
	}

	void addRider(int rider) {
		int at = Arrays.binarySearch(this.riders, 0, this.riderCount, rider);
		if (at >= 0) {
			return;
		}
		int insert = -at - 1;
		if (this.riderCount == this.riders.length) {
			this.riders = Arrays.copyOf(this.riders, this.riders.length * 2);
		}
		System.arraycopy(this.riders, insert, this.riders, insert + 1, this.riderCount - insert);
		this.riders[insert] = rider;
		this.riderCount++;
	}

	int[] riders() {
		return Arrays.copyOf(this.riders, this.riderCount);
	}

	double avgSpeedMps() {
		return (this.fixes == 0) ? 0 : this.speedSum / this.fixes;
	}

	double avgDeliverySeconds() {
		return (this.timedDeliveries == 0) ? 0 : this.deliverySecondsSum / this.timedDeliveries;
	}

	ZoneStats toZoneStats(String zoneId, Instant windowStart, Instant windowEnd) {
		return new ZoneStats(zoneId, windowStart, windowEnd, this.riderCount, this.fixes,
				Math.round(avgSpeedMps() * 100) / 100.0, this.deliveries, Math.round(avgDeliverySeconds() * 10) / 10.0);
	}

	static final class AggregateSerializer implements Serializer<ZoneAggregate> {

		@Override
		public byte[] serialize(String topic, ZoneAggregate aggregate) {
			if (aggregate == null) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate(44 + 4 * aggregate.riderCount);
			buffer.putLong(aggregate.fixes)
				.putDouble(aggregate.speedSum)
				.putLong(aggregate.deliveries)
				.putLong(aggregate.timedDeliveries)
				.putDouble(aggregate.deliverySecondsSum)
				.putInt(aggregate.riderCount);
			for (int i = 0; i < aggregate.riderCount; i++) {
				buffer.putInt(aggregate.riders[i]);
			}
			return buffer.array();
		}

	}

	static final class AggregateDeserializer implements Deserializer<ZoneAggregate> {

		@Override
		public ZoneAggregate deserialize(String topic, byte[] data) {
			if (data == null) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.wrap(data);
			ZoneAggregate aggregate = new ZoneAggregate();
			aggregate.fixes = buffer.getLong();
			aggregate.speedSum = buffer.getDouble();
			aggregate.deliveries = buffer.getLong();
			aggregate.timedDeliveries = buffer.getLong();
			aggregate.deliverySecondsSum = buffer.getDouble();
			aggregate.riderCount = buffer.getInt();
			aggregate.riders = new int[Math.max(4, aggregate.riderCount)];
			for (int i = 0; i < aggregate.riderCount; i++) {
				aggregate.riders[i] = buffer.getInt();
			}
			return aggregate;
		}

	}

}
