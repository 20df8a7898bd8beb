package dev.ridertrack.producer.phone;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ridertrack.producer.ingest.FixGateway;
import dev.ridertrack.producer.ingest.FixGateway.Fix;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /osmand}: the OsmAnd protocol as Traccar Client and the OsmAnd app speak it. A
 * GET with the fix in the query string, a POST with it in a form body (or the query), or
 * Traccar Client 9's POST of JSON. The rider token travels in the server URL the user
 * pastes into the app: {@code ?token=...}, or as the last path segment
 * ({@code /osmand/<token>}) because Traccar Client's QR set-up keeps only the URL's path.
 * Answers {@code 200} with an empty body once Kafka acknowledged the fix, else the
 * ingestion API's problem.
 */
@Component
class OsmAndHandler {

	private static final Mono<ServerResponse> OK = ServerResponse.ok().build();

	private final FixGateway gateway;

	private final ObjectReader traccarJson;

	private final Clock clock;

	OsmAndHandler(FixGateway gateway, JsonMapper json) {
		this.gateway = gateway;
		this.traccarJson = json.readerFor(TraccarJson.class);
		this.clock = Clock.systemUTC();
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		return this.gateway.withBody(request, (body) -> handle(request, body));
	}

	private Mono<ServerResponse> handle(ServerRequest request, byte[] body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		request.queryParams().forEach((name, values) -> parameters.put(name, values.get(0)));
		boolean json = isJson(request, body);
		if (!json && body.length > 0) {
			// Traccar's decoder reads a POST body as a query string whatever its type
			parameters.putAll(form(new String(body, StandardCharsets.UTF_8)));
		}
		String token = request.pathVariables().getOrDefault("token", parameters.get("token"));
		if (token == null || token.isBlank()) {
			return this.gateway.unauthenticated(request,
					"put the rider token in the server URL: /osmand?token=<token> or /osmand/<token>",
					"Bearer realm=\"ridertrack\"");
		}
		Fix fix;
		try {
			if (json) {
				String fallback = parameters.containsKey("id") ? parameters.get("id") : parameters.get("deviceid");
				fix = this.traccarJson.<TraccarJson>readValue(body).fix(fallback);
			}
			else {
				fix = OsmAndParameters.fix(parameters, this.clock.instant());
			}
		}
		catch (BadValue ex) {
			return this.gateway.malformed(request, ex.field(), ex.rule(), ex.rejected());
		}
		catch (JacksonException ex) {
			return this.gateway.unreadable(request, ex);
		}
		if (fix == null) {
			return OK;
		}
		return this.gateway.send(request, fix, token, () -> OK);
	}

	private static boolean isJson(ServerRequest request, byte[] body) {
		MediaType type = request.headers().contentType().orElse(null);
		if (type != null && (MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json"))) {
			return true;
		}
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return b == '{';
			}
		}
		return false;
	}

	/** {@code a=1&b=2}, URL-decoded; the first value of a repeated name wins. */
	static Map<String, String> form(String text) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : List.of(text.trim().split("&"))) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

}
