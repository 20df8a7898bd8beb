package dev.ridertrack.producer.phone;

import java.time.Instant;
import java.util.Map;

import dev.ridertrack.producer.ingest.FixGateway.Fix;

/**
 * The OsmAnd protocol's parameters (query string or form body) as a fix, with the names
 * and units Traccar's OsmAnd decoder gives them ({@code traccar.org/osmand},
 * {@code OsmAndProtocolDecoder}):
 * <ul>
 * <li>{@code id} or {@code deviceid}: the rider id;</li>
 * <li>{@code lat}, {@code lon} in degrees, or {@code location=lat,lon};</li>
 * <li>{@code timestamp}: see {@link Units#timestamp}; absent means "now", as in
 * Traccar;</li>
 * <li>{@code speed} in <b>knots</b> (Traccar Client before 9 multiplies Android's m/s by
 * 1.943844); {@code speedMps} in m/s is RiderTrack's own, for the OsmAnd app, whose
 * {@code {5}} placeholder is Android's m/s;</li>
 * <li>{@code bearing} or {@code heading} in degrees;</li>
 * <li>{@code accuracy} in metres, else {@code hdop}: the OsmAnd app fills its {@code {3}}
 * "hdop" with the location's accuracy in metres;</li>
 * <li>{@code valid=false} or {@code 0}: the phone has no fix; acknowledged, not
 * sent.</li>
 * </ul>
 * Absent speed, heading and accuracy are 0; {@code altitude}, {@code batt} and anything
 * else are ignored.
 */
final class OsmAndParameters {

	private OsmAndParameters() {
	}

	/**
	 * @param parameters the request's parameters, one value each
	 * @param now the fix time when the app sends none
	 * @return the fix, or {@code null} when the app says it has no valid location
	 * @throws BadValue when a value is not a number or a timestamp
	 */
	static Fix fix(Map<String, String> parameters, Instant now) {
		String valid = parameters.get("valid");
		if ("false".equalsIgnoreCase(valid) || "0".equals(valid)) {
			return null;
		}
		String riderId = first(parameters, "id", "deviceid");
		Double lat = number(parameters, "lat");
		Double lon = number(parameters, "lon");
		String location = parameters.get("location");
		if (lat == null && lon == null && location != null) {
			String[] parts = location.split(",", -1);
			if (parts.length != 2) {
				throw new BadValue("location", "must be lat,lon", location);
			}
			lat = number("location", parts[0]);
			lon = number("location", parts[1]);
		}
		Double speedMps = number(parameters, "speedMps");
		if (speedMps == null) {
			Double knots = number(parameters, "speed");
			speedMps = (knots != null) ? knots * Units.KNOTS_TO_MPS : null;
		}
		Double heading = number(parameters, parameters.containsKey("bearing") ? "bearing" : "heading");
		Double accuracy = number(parameters, parameters.containsKey("accuracy") ? "accuracy" : "hdop");
		String timestamp = parameters.get("timestamp");
		Instant recordedAt = (timestamp != null) ? Units.timestamp("timestamp", timestamp) : now;
		return new Fix(riderId, Units.seq(recordedAt), lat, lon, (speedMps != null) ? speedMps : 0.0,
				(heading != null) ? heading : 0.0, (accuracy != null) ? accuracy : 0.0, recordedAt);
	}

	private static String first(Map<String, String> parameters, String name, String other) {
		String value = parameters.get(name);
		return (value != null) ? value : parameters.get(other);
	}

	private static Double number(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		return (value != null) ? number(name, value) : null;
	}

	private static Double number(String field, String value) {
		try {
			return Double.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new BadValue(field, "must be a number", value);
		}
	}

}
