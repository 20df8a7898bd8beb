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
 * One zone's running totals over a span of time: a slice a task collects, or a window.
 * Riders are kept as a sorted set of {@link #riderHash rider hashes} (4 bytes each), so
 * the distinct count is exact and slices, zones or windows can be united. Stored and sent
 * in a compact binary form (44 + 4 × riders bytes).
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

	/**
	 * A rider id as 32 bits. {@link String#hashCode()} is injective on ids that differ
	 * only in decimal digits of a fixed-length number ({@code rider-000042}: digits are
	 * below the base 31), so distinct counts are exact for RiderTrack's ids and off only
	 * by 32-bit collisions otherwise.
	 * @param riderId the rider id
	 * @return its hash
	 */
	static int riderHash(String riderId) {
		return riderId.hashCode();
	}

	ZoneAggregate addFix(String riderId, double speedMps) {
		this.fixes++;
		this.speedSum += speedMps;
		addRider(riderHash(riderId));
		return this;
	}

	/**
	 * Count one delivery.
	 * @param seconds creation to delivery, {@code NaN} if the creation was not seen
	 * @return this aggregate
	 */
	ZoneAggregate addDelivery(double seconds) {
		this.deliveries++;
		if (!Double.isNaN(seconds)) {
			this.timedDeliveries++;
			this.deliverySecondsSum += seconds;
		}
		return this;
	}

	/**
	 * Add another aggregate of the same zone: sums add up and the rider sets are united,
	 * so a rider counted in both counts once.
	 * @param other the aggregate to add
	 * @return this aggregate
	 */
	ZoneAggregate merge(ZoneAggregate other) {
		this.fixes += other.fixes;
		this.speedSum += other.speedSum;
		this.deliveries += other.deliveries;
		this.timedDeliveries += other.timedDeliveries;
		this.deliverySecondsSum += other.deliverySecondsSum;
		if (other.riderCount > 0) {
			unite(other.riders, other.riderCount);
		}
		return this;
	}

	private void unite(int[] others, int otherCount) {
		int[] united = new int[Math.max(4, this.riderCount + otherCount)];
		int i = 0;
		int j = 0;
		int n = 0;
		while (i < this.riderCount && j < otherCount) {
			int mine = this.riders[i];
			int theirs = others[j];
			if (mine < theirs) {
				united[n++] = mine;
				i++;
			}
			else if (theirs < mine) {
				united[n++] = theirs;
				j++;
			}
			else {
				united[n++] = mine;
				i++;
				j++;
			}
		}
		while (i < this.riderCount) {
			united[n++] = this.riders[i++];
		}
		while (j < otherCount) {
			united[n++] = others[j++];
		}
		this.riders = united;
		this.riderCount = n;
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
