package dev.ridertrack.producer.ingest;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The one door into the ingestion path for fixes that arrive in another protocol (the
 * phone apps' OsmAnd and OwnTracks requests): a fix sent here meets the same token check,
 * rules, problem answers, metrics and Kafka path as {@code POST /api/v1/locations}.
 * Everything else of the ingest package stays package-private.
 */
@Component
public final class FixGateway {

	private final IngestHandler handler;

	private final IngestProblems problems;

	private final int maxBodyBytes;

	FixGateway(IngestHandler handler, IngestProblems problems, IngestProperties properties) {
		this.handler = handler;
		this.problems = problems;
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes());
	}

	/**
	 * Checks and publishes one fix; answers once Kafka acknowledged it, or with the
	 * problem that turned it away (nothing reaches the topic then).
	 * @param request the request, named in a problem's {@code instance}
	 * @param fix the fix, in {@code RiderLocation}'s units
	 * @param token the rider token the app sent
	 * @param accepted the app's own success answer
	 * @return the answer
	 */
	public Mono<ServerResponse> send(ServerRequest request, Fix fix, String token,
			Supplier<Mono<ServerResponse>> accepted) {
		FixRequest fixRequest = new FixRequest(fix.riderId(), fix.seq(), null, fix.lat(), fix.lon(), fix.speedMps(),
				fix.headingDeg(), fix.accuracyM(), fix.recordedAt());
		return this.handler.ingest(request, fixRequest, token, accepted);
	}

	/**
	 * Reads the whole request body, at most {@code ridertrack.ingest.max-body-size} (a
	 * larger one is answered {@code 413}), and hands it on; an absent body is empty.
	 */
	public Mono<ServerResponse> withBody(ServerRequest request, Function<byte[], Mono<ServerResponse>> handler) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.maxBodyBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap(handler)
			.onErrorResume(DataBufferLimitException.class, (ex) -> this.problems.answer(request,
					IngestRejectedException.tooLarge("the body is larger than " + this.maxBodyBytes + " bytes")));
	}

	/**
	 * A {@code 400 malformed} naming the app's own field, before any fix exists: a value
	 * that is not a number, a timestamp in no known form.
	 */
	public Mono<ServerResponse> malformed(ServerRequest request, String field, String rule, Object rejected) {
		return this.problems.answer(request, IngestRejectedException.malformed("a value cannot be read",
				List.of(new Violation(null, field, rule, rejected)), null));
	}

	/**
	 * A {@code 400 malformed} for a body that is not the JSON the protocol defines; names
	 * the field where reading failed, as the JSON API does.
	 */
	public Mono<ServerResponse> unreadable(ServerRequest request, JacksonException ex) {
		return this.problems.answer(request, IngestProblems.unreadable(ex));
	}

	/**
	 * A {@code 401}: no rider token where this protocol carries it.
	 * @param challenge the {@code WWW-Authenticate} value the app understands
	 */
	public Mono<ServerResponse> unauthenticated(ServerRequest request, String detail, String challenge) {
		IngestRejectedException ex = IngestRejectedException.unauthenticated(detail, null);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return this.problems.answer(request, ex);
	}

	/**
	 * One fix in {@code RiderLocation}'s units, mapped from an app's protocol. Boxed: a
	 * missing value reaches the rules as missing and is reported by name.
	 *
	 * @param riderId the app's device id
	 * @param seq rises per rider
	 * @param lat degrees
	 * @param lon degrees
	 * @param speedMps metres per second
	 * @param headingDeg degrees clockwise from north
	 * @param accuracyM metres
	 * @param recordedAt when the phone took the fix
	 */
	public record Fix(String riderId, Long seq, Double lat, Double lon, Double speedMps, Double headingDeg,
			Double accuracyM, Instant recordedAt) {

	}

}
