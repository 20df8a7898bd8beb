package dev.ridertrack.producer.phone;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.ridertrack.producer.ingest.FixGateway;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /owntracks}: OwnTracks in HTTP mode. HTTP Basic authentication carries the
 * rider: user name = rider id, password = rider token. A {@code location} message is a
 * fix, answered {@code 200 []} (the empty list of messages back to the app) once Kafka
 * acknowledged it; every other {@code _type} (transition, waypoint, lwt, ...) and an
 * empty body are acknowledged the same way and sent nowhere. A bad location is the
 * ingestion API's problem. OwnTracks counts any answer as delivered, so a fix refused
 * with a {@code 4xx} or {@code 503} is not sent again.
 */
@Component
class OwnTracksHandler {

	private static final String CHALLENGE = "Basic realm=\"ridertrack\"";

	private static final String BASIC = "Basic ";

	private final FixGateway gateway;

	private final ObjectReader messages;

	OwnTracksHandler(FixGateway gateway, JsonMapper json) {
		this.gateway = gateway;
		this.messages = json.readerFor(OwnTracksMessage.class);
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		String[] credentials = credentials(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
		if (credentials == null) {
			return this.gateway.unauthenticated(request,
					"set Authentication in OwnTracks: user name = rider id, password = rider token", CHALLENGE);
		}
		return this.gateway.withBody(request, (body) -> handle(request, body, credentials[0], credentials[1]));
	}

	private Mono<ServerResponse> handle(ServerRequest request, byte[] body, String riderId, String token) {
		if (body.length == 0) {
			return acknowledged();
		}
		OwnTracksMessage message;
		try {
			message = this.messages.readValue(body);
		}
		catch (JacksonException ex) {
			return this.gateway.unreadable(request, ex);
		}
		if (message == null || message.type() == null) {
			return this.gateway.malformed(request, "_type", "is required", null);
		}
		if (!OwnTracksMessage.LOCATION.equals(message.type())) {
			return acknowledged();
		}
		try {
			return this.gateway.send(request, message.fix(riderId), token, OwnTracksHandler::acknowledged);
		}
		catch (BadValue ex) {
			return this.gateway.malformed(request, ex.field(), ex.rule(), ex.rejected());
		}
	}

	private static Mono<ServerResponse> acknowledged() {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("[]");
	}

	/** User name and password of an HTTP Basic header, or {@code null}. */
	static String[] credentials(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0 || colon == decoded.length() - 1) {
			return null;
		}
		return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
	}

}
