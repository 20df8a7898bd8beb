package dev.ridertrack.producer.phone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.producer.ingest.RiderLocationsTopic;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Real phone apps' requests against a real broker: bodies and query strings as each
 * protocol's documentation and the apps' open-source clients write them (only the ids,
 * the token and a recent time put in) land on {@code rider-locations} in
 * {@code RiderLocation}'s units; what is refused never does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ridertrack.security.token-secret=" + PhoneAppsIntegrationTests.SECRET)
@WithInfrastructure
class PhoneAppsIntegrationTests {

	static final String SECRET = "test-token-secret-0123456789";

	private static final HmacTokens TOKENS = new HmacTokens(SECRET, "rider");

	private static final AtomicInteger PHONES = new AtomicInteger();

	/** Where the requests are written to; {@link #send} puts in the test server. */
	private static final String APP = "http://app";

	private static final double KNOT = 1852.0 / 3600.0;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	/**
	 * One accepted request per form, and the fix it must become.
	 */
	static Stream<Arguments> acceptedRequests() {
		return Stream.of(
				// traccar-client-android, ProtocolFormatter.formatRequest and its
				// ProtocolFormatterTest ("?id=...&timestamp=0&lat=0.0&lon=0.0&speed=0.0
				// &bearing=0.0&altitude=0.0&batt=0.0"), with the accuracy later versions
				// add; HttpURLConnection's default: a GET. speed is knots.
				Arguments.of("OsmAnd GET, Traccar Client (Android, before 9)", (Phone) (rider, token,
						at) -> get("/osmand?token=" + token + "&id=" + rider + "&timestamp=" + at.getEpochSecond()
								+ "&lat=52.520008&lon=13.404954&speed=10.0&bearing=270.0&altitude=34.0&accuracy=4.0&batt=87.0"),
						new Expected(52.520008, 13.404954, 10.0 * KNOT, 270.0, 4.0, ChronoUnit.SECONDS)),
				// traccar.org/osmand: "query parameters or POST parameters"; Traccar's
				// OsmAndProtocolDecoder reads a POST body as a query string. ISO time,
				// hdop instead of accuracy.
				Arguments.of("OsmAnd form POST",
						(Phone) (rider, token, at) -> post("/osmand?token=" + token,
								"application/x-www-form-urlencoded",
								"id=" + rider + "&lat=48.85833&lon=2.29513&timestamp=" + at
										+ "&hdop=6&altitude=35&speed=5.4" + "&heading=45"),
						new Expected(48.85833, 2.29513, 5.4 * KNOT, 45.0, 6.0, ChronoUnit.MILLIS)),
				// OsmAnd's LiveMonitoringHelper.getLiveUrl: {0} lat, {1} lon, {2} time in
				// ms, {3} accuracy in metres (as hdop), {4} altitude, {5} m/s, {6}
				// bearing; the URL template /phone hands out, filled in.
				Arguments.of("OsmAnd GET, the OsmAnd app's template", (Phone) (rider, token,
						at) -> get("/osmand?token=" + token + "&id=" + rider + "&lat=52.52001&lon=13.40496&timestamp="
								+ at.toEpochMilli() + "&hdop=3.9&altitude=41.0&speedMps=4.25&bearing=12.5"),
						new Expected(52.52001, 13.40496, 4.25, 12.5, 3.9, ChronoUnit.MILLIS)),
				// traccar.org/osmand, the JSON form, as traccar-client's
				// Preferences._locationTemplate writes it (its "_" field included), with
				// the token as the URL's last path segment (Traccar Client's QR set-up).
				// coords.speed is m/s.
				Arguments.of("OsmAnd JSON POST, Traccar Client 9", (Phone) (rider, token, at) -> post(
						"/osmand/" + token, "application/json",
						"{\"location\":{\"timestamp\":\"" + at + "\",\"coords\":{\"latitude\":52.5163,"
								+ "\"longitude\":13.3777,\"accuracy\":7.5,\"speed\":3.2,\"heading\":180.0,"
								+ "\"altitude\":35.1},\"is_moving\":true,\"odometer\":1234.5,\"event\":\"motionchange\","
								+ "\"battery\":{\"level\":0.82,\"is_charging\":false},\"activity\":{\"type\":\"on_bicycle\"},"
								+ "\"extras\":{},\"_\":\"&id=" + rider + "&lat=52.5163&lon=13.3777&timestamp=" + at
								+ "&\"},\"device_id\":\"" + rider + "\"}"),
						new Expected(52.5163, 13.3777, 3.2, 180.0, 7.5, ChronoUnit.MILLIS)),
				// the OwnTracks booklet, "HTTP" and "JSON": the location example
				// ({"_type":"location","lat":48.85833,"lon":2.29513,"tst":1497476456,
				// "tid":"JJ",...}) with the extra fields the Android app adds; vel is
				// km/h, tst seconds; HTTP Basic user = rider, password = token.
				Arguments.of("OwnTracks HTTP location", (Phone) (rider, token, at) -> basic(rider, token,
						"{\"_type\":\"location\",\"BSSID\":\"0c:70:63:a3:e4:d3\",\"SSID\":\"mywifi\",\"_id\":\"ebbafc6b\","
								+ "\"acc\":5,\"alt\":35,\"batt\":60,\"bs\":1,\"cog\":90,\"conn\":\"w\",\"created_at\":"
								+ at.getEpochSecond() + ",\"lat\":48.85833,\"lon\":2.29513,\"m\":2,\"tid\":\"JJ\","
								+ "\"topic\":\"owntracks/user/phone\",\"tst\":" + at.getEpochSecond()
								+ ",\"vac\":5,\"vel\":12}"),
						new Expected(48.85833, 2.29513, 12 / 3.6, 90.0, 5.0, ChronoUnit.SECONDS)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedRequests")
	void putsEachAppsFixOnTheTopicInRiderLocationsUnits(String form, Phone phone, Expected expected) throws Exception {
		String rider = newPhone();
		Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
		HttpResponse<String> response = send(phone.request(rider, TOKENS.mint(rider), at));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		if (form.startsWith("OwnTracks")) {
			assertThat(response.body()).isEqualTo("[]");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
		else {
			assertThat(response.body()).isEmpty();
		}

		Instant recordedAt = at.truncatedTo(expected.precision());
		List<ConsumerRecord<String, String>> records = RiderLocationsTopic.recordsOf(rider, "\"seq\":");
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo(rider);
			RiderLocation fix = EventJson.mapper().readValue(record.value(), RiderLocation.class);
			assertThat(fix.riderId()).isEqualTo(rider);
			assertThat(fix.lat()).isEqualTo(expected.lat());
			assertThat(fix.lon()).isEqualTo(expected.lon());
			assertThat(fix.speedMps()).isCloseTo(expected.speedMps(), within(1e-9));
			assertThat(fix.headingDeg()).isEqualTo(expected.headingDeg());
			assertThat(fix.accuracyM()).isEqualTo(expected.accuracyM());
			assertThat(fix.recordedAt()).isEqualTo(recordedAt);
			assertThat(fix.seq()).isEqualTo(recordedAt.toEpochMilli());
			assertThat(fix.orderId()).isNull();
		});
	}

	@Test
	void givesAResentFixTheSameSeqAndANewerFixAHigherOne() throws Exception {
		String rider = newPhone();
		String token = TOKENS.mint(rider);
		Instant first = Instant.now().minusSeconds(20);
		String query = "/osmand?token=" + token + "&id=" + rider + "&lat=52.5&lon=13.4&timestamp=";
		assertThat(send(get(query + first.getEpochSecond())).statusCode()).isEqualTo(200);
		// the app did not get the answer and sends the same fix again, then a new one
		assertThat(send(get(query + first.getEpochSecond())).statusCode()).isEqualTo(200);
		assertThat(send(get(query + (first.getEpochSecond() + 10))).statusCode()).isEqualTo(200);
		long firstSeq = first.getEpochSecond() * 1000;
		assertThat(RiderLocationsTopic.recordsOf(rider, "\"seq\":" + (firstSeq + 10_000) + ","))
			.extracting((record) -> EventJson.mapper().readValue(record.value(), RiderLocation.class).seq())
			.containsExactly(firstSeq, firstSeq, firstSeq + 10_000);
	}

	static Stream<Arguments> refusedRequests() {
		String future = Long.toString(Instant.now().plus(1, ChronoUnit.DAYS).getEpochSecond());
		return Stream.of(
				Arguments.of("OsmAnd without lat", 400, "lat",
						(Phone) (rider, token,
								at) -> get("/osmand?token=" + token + "&id=" + rider + "&lon=13.4&timestamp="
										+ at.getEpochSecond())),
				Arguments.of("OsmAnd lat not a number", 400, "lat",
						(Phone) (rider, token,
								at) -> get("/osmand?token=" + token + "&id=" + rider + "&lat=north&lon=13.4&timestamp="
										+ at.getEpochSecond())),
				Arguments.of("OsmAnd lat out of range", 400, "lat",
						(Phone) (rider, token,
								at) -> get("/osmand?token=" + token + "&id=" + rider + "&lat=91&lon=13.4&timestamp="
										+ at.getEpochSecond())),
				Arguments.of("OsmAnd timestamp a day ahead", 400, "recordedAt",
						(Phone) (rider, token, at) -> get(
								"/osmand?token=" + token + "&id=" + rider + "&lat=52.5&lon=13.4&timestamp=" + future)),
				Arguments.of("OsmAnd another rider's token", 403, null,
						(Phone) (rider, token,
								at) -> get("/osmand?token=" + TOKENS.mint(rider + "-other") + "&id=" + rider
										+ "&lat=52.5&lon=13.4&timestamp=" + at.getEpochSecond())),
				Arguments.of("OsmAnd without a token", 401, null,
						(Phone) (rider, token, at) -> get(
								"/osmand?id=" + rider + "&lat=52.5&lon=13.4&timestamp=" + at.getEpochSecond())),
				Arguments.of("Traccar JSON without coordinates", 400, "lat",
						(Phone) (rider, token, at) -> post("/osmand/" + token, "application/json",
								"{\"location\":{\"timestamp\":\"" + at
										+ "\",\"coords\":{\"accuracy\":5}},\"device_id\":\"" + rider + "\"}")),
				Arguments.of("Traccar JSON latitude as text", 400, "location.coords.latitude",
						(Phone) (rider, token, at) -> post("/osmand/" + token, "application/json",
								"{\"location\":{\"timestamp\":\"" + at + "\",\"coords\":{\"latitude\":\"52.5\","
										+ "\"longitude\":13.4}},\"device_id\":\"" + rider + "\"}")),
				Arguments.of("OwnTracks another rider's token", 403, null,
						(Phone) (rider, token, at) -> basic(rider, TOKENS.mint(rider + "-other"),
								"{\"_type\":\"location\",\"lat\":48.85833,\"lon\":2.29513,\"tst\":"
										+ at.getEpochSecond() + ",\"tid\":\"JJ\"}")),
				Arguments.of("OwnTracks without Basic authentication", 401, null,
						(Phone) (rider, token, at) -> HttpRequest.newBuilder(URI.create(APP + "/owntracks"))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString("{\"_type\":\"location\",\"lat\":48.85833,"
									+ "\"lon\":2.29513,\"tst\":" + at.getEpochSecond() + ",\"tid\":\"JJ\"}"))),
				Arguments.of("OwnTracks tst a day ahead", 400, "recordedAt",
						(Phone) (rider, token, at) -> basic(rider, token,
								"{\"_type\":\"location\",\"lat\":48.85833,\"lon\":2.29513,\"tst\":" + future
										+ ",\"tid\":\"JJ\"}")),
				Arguments.of("OwnTracks lon out of range", 400, "lon",
						(Phone) (rider, token, at) -> basic(rider, token,
								"{\"_type\":\"location\",\"lat\":48.85833,\"lon\":200.5,\"tst\":" + at.getEpochSecond()
										+ ",\"tid\":\"JJ\"}")));
	}

	@ParameterizedTest(name = "{0} → {1}")
	@MethodSource("refusedRequests")
	void answersARefusedFixWithAProblemAndNeverWritesIt(String what, int status, String field, Phone phone)
			throws Exception {
		String rider = newPhone();
		HttpResponse<String> response = send(phone.request(rider, TOKENS.mint(rider), Instant.now()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		if (field != null) {
			assertThat(EventJson.mapper().readTree(response.body()).at("/errors/0/field").asString()).isEqualTo(field);
		}
		if (what.startsWith("OwnTracks without")) {
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ridertrack\"");
		}
		assertOnlyTheMarkerReachesTheTopic(rider);
	}

	@Test
	void acknowledgesOwnTracksMessagesThatAreNotLocationsAndSendsNothing() throws Exception {
		String rider = newPhone();
		String token = TOKENS.mint(rider);
		long now = Instant.now().getEpochSecond();
		// the booklet's transition and lwt, a type it does not know, and the empty body
		// it says to ignore
		for (String body : List.of(
				"{\"_type\":\"transition\",\"wtst\":1437552714,\"lat\":48.85833,\"lon\":2.29513,\"tst\":" + now
						+ ",\"acc\":5,\"tid\":\"JJ\",\"event\":\"enter\",\"desc\":\"Home\",\"t\":\"c\"}",
				"{\"_type\":\"lwt\",\"tst\":" + now + "}", "{\"_type\":\"no-such-type\",\"lat\":1,\"lon\":2}", "")) {
			HttpResponse<String> response = send(basic(rider, token, body));
			assertThat(response.statusCode()).as(body).isEqualTo(200);
			assertThat(response.body()).isEqualTo("[]");
		}
		assertOnlyTheMarkerReachesTheTopic(rider);
	}

	@Test
	void hasNoSetUpPageOutsideTheLocalProfile() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(APP + "/phone?name=alice")).GET());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(TOKENS.mint("phone-alice"));
	}

	/**
	 * Sends a good fix after whatever was refused: it must be the rider's only record.
	 */
	private void assertOnlyTheMarkerReachesTheTopic(String rider) throws Exception {
		Instant at = Instant.now().minusSeconds(1);
		HttpResponse<String> marker = send(get("/osmand?token=" + TOKENS.mint(rider) + "&id=" + rider
				+ "&lat=1.5&lon=2.5&timestamp=" + at.getEpochSecond()));
		assertThat(marker.statusCode()).isEqualTo(200);
		assertThat(RiderLocationsTopic.recordsOf(rider, "\"lat\":1.5,"))
			.extracting((record) -> EventJson.mapper().readValue(record.value(), RiderLocation.class).lat())
			.containsExactly(1.5);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		URI app = request.build().uri();
		HttpRequest.Builder absolute = HttpRequest.newBuilder(request.build(), (name, value) -> true)
			.uri(URI.create("http://127.0.0.1:" + this.port + app.getRawPath()
					+ ((app.getRawQuery() != null) ? "?" + app.getRawQuery() : "")));
		return this.http.send(absolute.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create(APP + path)).GET();
	}

	private static HttpRequest.Builder post(String path, String contentType, String body) {
		return HttpRequest.newBuilder(URI.create(APP + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static HttpRequest.Builder basic(String user, String password, String body) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return post("/owntracks", "application/json", body).header("Authorization", "Basic " + credentials);
	}

	private static String newPhone() {
		return "phone-it-" + ProcessHandle.current().pid() + "-" + PHONES.incrementAndGet();
	}

	/** One app's request for a rider, its token and a fix time. */
	@FunctionalInterface
	interface Phone {

		HttpRequest.Builder request(String rider, String token, Instant at);

	}

	record Expected(double lat, double lon, double speedMps, double headingDeg, double accuracyM,
			ChronoUnit precision) {

	}

}
