package dev.ridertrack.producer.phone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a phone needs to become a rider: its rider id and token, and the exact server URL
 * (and QR content) for each app, for a laptop reachable at {@code host:port}.
 *
 * @param riderId {@code phone-<name>}: the dashboard marks riders whose id starts with
 * {@code phone-} as real devices
 * @param token the rider token
 * @param base {@code http://host:port}
 */
record PhoneSetup(String riderId, String token, String base) {

	static final String PREFIX = "phone-";

	/** Seconds between fixes the QR codes ask the apps for: lively on a map. */
	static final int INTERVAL_SECONDS = 10;

	/**
	 * The rider id for a name typed on the page: {@code phone-} and the name's letters,
	 * digits, {@code -} and {@code _}, within the 64 characters a rider id may have.
	 */
	static String riderId(String name) {
		String clean = name.replaceAll("[^A-Za-z0-9_-]", "");
		if (clean.startsWith(PREFIX)) {
			clean = clean.substring(PREFIX.length());
		}
		return PREFIX + clean.substring(0, Math.min(clean.length(), 64 - PREFIX.length()));
	}

	/** Traccar Client's "Server URL", typed by hand: the token in the query. */
	String traccarServerUrl() {
		return this.base + PhoneRoutes.OSMAND + "?token=" + this.token;
	}

	/**
	 * What Traccar Client's QR scanner reads: it keeps the URL's path as the server URL
	 * and takes {@code id}, {@code accuracy}, {@code interval} and {@code distance} from
	 * the query, so the token goes in the path.
	 */
	String traccarQr() {
		return this.base + PhoneRoutes.OSMAND + "/" + this.token + "?id=" + this.riderId + "&accuracy=high&interval="
				+ INTERVAL_SECONDS + "&distance=10";
	}

	/**
	 * OsmAnd's online tracking URL template: {0} lat, {1} lon, {2} time in ms, {3} the
	 * accuracy in metres (named hdop), {4} altitude, {5} speed in m/s, {6} bearing.
	 */
	String osmandUrl() {
		return this.base + PhoneRoutes.OSMAND + "?token=" + this.token + "&id=" + this.riderId
				+ "&lat={0}&lon={1}&timestamp={2}&hdop={3}&altitude={4}&speedMps={5}&bearing={6}";
	}

	String ownTracksUrl() {
		return this.base + PhoneRoutes.OWNTRACKS;
	}

	/** OwnTracks' tracker id: two characters shown on its own map. */
	String trackerId() {
		String name = this.riderId.substring(PREFIX.length());
		return ((name.length() >= 2) ? name.substring(0, 2) : (name + "ph").substring(0, 2)).toUpperCase(Locale.ROOT);
	}

	/**
	 * OwnTracks' configuration link ({@code owntracks:///config?inline=} and the
	 * configuration JSON in base64): scanned or opened on the phone, it sets HTTP mode,
	 * the URL and the credentials at once.
	 */
	String ownTracksConfigLink(JsonMapper json) {
		OwnTracksConfiguration configuration = new OwnTracksConfiguration("configuration", 3, ownTracksUrl(), true,
				this.riderId, this.token, "phone", trackerId(), 2, INTERVAL_SECONDS);
		String base64 = Base64.getEncoder()
			.encodeToString(json.writeValueAsString(configuration).getBytes(StandardCharsets.UTF_8));
		return "owntracks:///config?inline=" + URLEncoder.encode(base64, StandardCharsets.UTF_8);
	}

	/**
	 * The subset of OwnTracks' configuration message the link sets.
	 *
	 * @param type always {@code configuration}
	 * @param mode 3: HTTP
	 * @param url where to POST
	 * @param auth send HTTP Basic credentials
	 * @param username the rider id
	 * @param password the rider token
	 * @param deviceId the device's name in OwnTracks
	 * @param tid the tracker id
	 * @param monitoring 2: "move" mode, a fix every {@code locatorInterval} seconds
	 * @param locatorInterval seconds between fixes in move mode
	 */
	record OwnTracksConfiguration(@JsonProperty("_type") String type, int mode, String url, boolean auth,
			String username, String password, String deviceId, String tid, int monitoring, int locatorInterval) {

	}

}
