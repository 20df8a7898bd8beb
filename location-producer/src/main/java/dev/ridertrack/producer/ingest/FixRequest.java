package dev.ridertrack.producer.ingest;

import java.time.Instant;

import dev.ridertrack.events.RiderLocation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One fix as a rider app sends it: the fields of {@link RiderLocation}, boxed so that a
 * missing field is told apart from a zero and reported by name.
 */
@Schema(name = "Fix", description = "One GPS fix from a rider's phone (the JSON of RiderLocation)")
record FixRequest(
		@Schema(example = "rider-000042", pattern = FixValidator.ID_PATTERN,
				requiredMode = Schema.RequiredMode.REQUIRED) String riderId,
		@Schema(example = "1337", minimum = "0", description = "rises by one per fix of this rider",
				requiredMode = Schema.RequiredMode.REQUIRED) Long seq,
		@Schema(example = "order-9001", pattern = FixValidator.ID_PATTERN,
				description = "the order being carried, absent or null when idle") String orderId,
		@Schema(example = "52.520008", minimum = "-90", maximum = "90",
				requiredMode = Schema.RequiredMode.REQUIRED) Double lat,
		@Schema(example = "13.404954", minimum = "-180", maximum = "180",
				requiredMode = Schema.RequiredMode.REQUIRED) Double lon,
		@Schema(example = "6.5", minimum = "0", maximum = "100", description = "metres per second",
				requiredMode = Schema.RequiredMode.REQUIRED) Double speedMps,
		@Schema(example = "270.0", minimum = "0", maximum = "360", exclusiveMaximum = true,
				description = "degrees clockwise from north",
				requiredMode = Schema.RequiredMode.REQUIRED) Double headingDeg,
		@Schema(example = "4.0", minimum = "0", description = "horizontal accuracy radius in metres",
				requiredMode = Schema.RequiredMode.REQUIRED) Double accuracyM,
		@Schema(example = "2026-11-22T05:00:00Z", description = "when the phone took the fix, ISO-8601",
				requiredMode = Schema.RequiredMode.REQUIRED) Instant recordedAt) {

	/**
	 * The event this request stands for; only called once the request is valid.
	 */
	RiderLocation toEvent() {
		return new RiderLocation(this.riderId, this.seq, this.orderId, this.lat, this.lon, this.speedMps,
				this.headingDeg, this.accuracyM, this.recordedAt);
	}

}
