package dev.ridertrack.producer.phone;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ridertrack.producer.ingest.FixGateway.Fix;

/**
 * The JSON body Traccar Client sends from version 9 (its location SDK's own format, as
 * documented on {@code traccar.org/osmand} and written by the client's
 * {@code Preferences._locationTemplate}): {@code coords.speed} in <b>m/s</b>, and -1 for
 * an unknown speed or heading; {@code timestamp} in ISO 8601. Battery, activity, odometer
 * and the rest are read past.
 *
 * @param location the fix
 * @param deviceId the device identifier set in the app: the rider id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TraccarJson(Location location, @JsonProperty("device_id") String deviceId) {

	/**
	 * @param fallbackRiderId {@code id} or {@code deviceid} from the query, for a body
	 * without {@code device_id}
	 */
	Fix fix(String fallbackRiderId) {
		String riderId = (this.deviceId != null) ? this.deviceId : fallbackRiderId;
		Coords coords = (this.location != null) ? this.location.coords() : null;
		Instant recordedAt = (this.location != null && this.location.timestamp() != null)
				? timestamp(this.location.timestamp()) : null;
		if (coords == null) {
			return new Fix(riderId, Units.seq(recordedAt), null, null, 0.0, 0.0, 0.0, recordedAt);
		}
		return new Fix(riderId, Units.seq(recordedAt), coords.latitude(), coords.longitude(),
				Units.knownOrZero(coords.speed()), Units.knownOrZero(coords.heading()),
				Units.knownOrZero(coords.accuracy()), recordedAt);
	}

	private static Instant timestamp(String text) {
		try {
			return Units.iso(text);
		}
		catch (DateTimeParseException ex) {
			throw new BadValue("location.timestamp", "must be an ISO 8601 date-time such as 2026-12-05T21:00:00.000Z",
					text);
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Location(String timestamp, Coords coords) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Coords(Double latitude, Double longitude, Double accuracy, Double speed, Double heading) {

	}

}
