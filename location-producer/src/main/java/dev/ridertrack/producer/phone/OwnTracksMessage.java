package dev.ridertrack.producer.phone;

import java.time.DateTimeException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ridertrack.producer.ingest.FixGateway.Fix;

/**
 * One message of OwnTracks' HTTP mode (the OwnTracks booklet, "JSON"): only
 * {@code _type=location} is a fix. {@code tst} in epoch <b>seconds</b>, {@code vel} in
 * <b>km/h</b>, {@code cog} and {@code acc} in degrees and metres; the app leaves out
 * {@code acc}, {@code cog} and {@code vel} when they are zero.
 *
 * @param type {@code location}, {@code transition}, {@code waypoint}, {@code lwt}, ...
 * @param lat degrees
 * @param lon degrees
 * @param tst when the phone took the fix, seconds since the epoch
 * @param acc accuracy in metres
 * @param vel speed in km/h
 * @param cog course over ground in degrees
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OwnTracksMessage(@JsonProperty("_type") String type, Double lat, Double lon, Long tst, Double acc, Double vel,
		Double cog) {

	static final String LOCATION = "location";

	/**
	 * @param riderId the HTTP Basic user name
	 */
	Fix fix(String riderId) {
		Instant recordedAt;
		try {
			recordedAt = (this.tst != null) ? Instant.ofEpochSecond(this.tst) : null;
		}
		catch (DateTimeException ex) {
			throw new BadValue("tst", "must be seconds since the epoch", this.tst);
		}
		Double speedMps = (this.vel != null) ? Units.knownOrZero(this.vel) * Units.KMH_TO_MPS : 0.0;
		return new Fix(riderId, Units.seq(recordedAt), this.lat, this.lon, speedMps, Units.knownOrZero(this.cog),
				Units.knownOrZero(this.acc), recordedAt);
	}

}
