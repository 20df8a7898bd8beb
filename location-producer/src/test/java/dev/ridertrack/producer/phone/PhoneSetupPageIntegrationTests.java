package dev.ridertrack.producer.phone;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.producer.ingest.RiderLocationsTopic;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up page of the local profile: what it tells a person to type and what its QR
 * codes hold is what the endpoints accept.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@WithInfrastructure
class PhoneSetupPageIntegrationTests {

	/** application-local.yml's development secret. */
	private static final HmacTokens TOKENS = new HmacTokens("dev-only-token-secret-change-me", "rider");

	private static final Pattern SVG = Pattern.compile("<svg[^>]*viewBox=\"0 0 (\\d+) (\\d+)\"[^>]*>.*?d=\"([^\"]*)\"");

	private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void showsTheTokenAndTheExactUrlForEachAppWithQrCodesOfThem() throws Exception {
		String page = page("/phone?name=alice&host=192.168.1.20");
		String token = TOKENS.mint("phone-alice");
		String base = "http://192.168.1.20:" + this.port;
		assertThat(page).contains("<code>phone-alice</code>")
			.contains("<code>" + token + "</code>")
			.contains(HtmlUtils.htmlEscape(base + "/osmand?token=" + token))
			.contains("<code>" + base + "/owntracks</code>");

		List<String> codes = qrCodes(page);
		assertThat(codes).hasSize(3);
		// Traccar Client keeps the QR URL's path as its server URL and reads id from the
		// query
		assertThat(codes.get(0))
			.isEqualTo(base + "/osmand/" + token + "?id=phone-alice&accuracy=high&interval=10" + "&distance=10");
		assertThat(codes.get(1)).startsWith("owntracks:///config?inline=");
		JsonNode configuration = EventJson.mapper()
			.readTree(Base64.getDecoder()
				.decode(URLDecoder.decode(codes.get(1).substring("owntracks:///config?inline=".length()),
						StandardCharsets.UTF_8)));
		assertThat(configuration.get("_type").asString()).isEqualTo("configuration");
		assertThat(configuration.get("mode").asInt()).isEqualTo(3);
		assertThat(configuration.get("url").asString()).isEqualTo(base + "/owntracks");
		assertThat(configuration.get("auth").asBoolean()).isTrue();
		assertThat(configuration.get("username").asString()).isEqualTo("phone-alice");
		assertThat(configuration.get("password").asString()).isEqualTo(token);
		assertThat(codes.get(2)).isEqualTo(base + "/osmand?token=" + token
				+ "&id=phone-alice&lat={0}&lon={1}&timestamp={2}&hdop={3}&altitude={4}&speedMps={5}&bearing={6}");
	}

	@Test
	void givesAUrlThatPutsTheFixOnTheTopic() throws Exception {
		String page = page("/phone?name=bob-" + ProcessHandle.current().pid() + "&host=127.0.0.1");
		List<String> codes = qrCodes(page);
		// the OsmAnd app's template, filled in as the app fills it
		long now = Instant.now().minusSeconds(2).toEpochMilli();
		String filled = codes.get(2)
			.replace("{0}", "52.52")
			.replace("{1}", "13.405")
			.replace("{2}", Long.toString(now))
			.replace("{3}", "5.0")
			.replace("{4}", "40.0")
			.replace("{5}", "4.5")
			.replace("{6}", "90.0");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(filled)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String rider = "phone-bob-" + ProcessHandle.current().pid();
		assertThat(RiderLocationsTopic.recordsOf(rider, "\"seq\":" + now + ",")).hasSize(1);
	}

	@Test
	void makesANewPhoneRiderWhenNoNameIsGiven() throws Exception {
		assertThat(page("/phone")).containsPattern("<code>phone-[0-9a-f]{4}</code>");
	}

	private String page(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		return response.body();
	}

	/** Every QR code of the page, read back from its SVG as a phone's camera would. */
	private static List<String> qrCodes(String page) throws Exception {
		List<String> texts = new ArrayList<>();
		Matcher svg = SVG.matcher(page);
		while (svg.find()) {
			int width = Integer.parseInt(svg.group(1));
			int height = Integer.parseInt(svg.group(2));
			int scale = 4;
			int[] pixels = new int[width * scale * height * scale];
			java.util.Arrays.fill(pixels, 0xFFFFFFFF);
			Matcher module = MODULE.matcher(svg.group(3));
			while (module.find()) {
				int x = Integer.parseInt(module.group(1));
				int y = Integer.parseInt(module.group(2));
				for (int dy = 0; dy < scale; dy++) {
					for (int dx = 0; dx < scale; dx++) {
						pixels[(y * scale + dy) * width * scale + x * scale + dx] = 0xFF000000;
					}
				}
			}
			BinaryBitmap bitmap = new BinaryBitmap(
					new HybridBinarizer(new RGBLuminanceSource(width * scale, height * scale, pixels)));
			texts.add(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
		}
		return texts;
	}

}
