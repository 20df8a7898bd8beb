package dev.ridertrack.producer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.ridertrack.events.RiderLocation;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /api/v1/locations} (one fix) and {@code POST /api/v1/locations/batch} (a
 * JSON array of fixes, all of one rider). Either the whole request is valid and is
 * written, or nothing of it is; {@code 202} is answered once Kafka acknowledged every
 * fix.
 * <p>
 * The checks run cheapest first and each failure ends the request with its problem
 * ({@link IngestProblems}): content type ({@code 415}), token shape ({@code 401}),
 * declared size ({@code 413}), then the body is read up to the size limit, parsed
 * ({@code 400 malformed}), validated ({@code 400 invalid}), matched to the token
 * ({@code 403}) and sent ({@code 503} if Kafka cannot take it). No thread waits for
 * Kafka: the answer is written from its acknowledgement.
 */
@Component
class IngestHandler {

	private static final byte[] ONE_ACCEPTED = acceptedBody(1);

	private static final String BEARER = "Bearer ";

	private final FixValidator validator;

	private final RiderAuthentication authentication;

	private final LocationPublisher publisher;

	private final IngestProblems problems;

	private final ObjectReader oneReader;

	private final ObjectReader batchReader;

	private final int maxBatchSize;

	private final int maxBodyBytes;

	IngestHandler(FixValidator validator, RiderAuthentication authentication, LocationPublisher publisher,
			IngestProblems problems, IngestProperties properties, JsonMapper json) {
		this.validator = validator;
		this.authentication = authentication;
		this.publisher = publisher;
		this.problems = problems;
		this.oneReader = json.readerFor(FixRequest.class);
		this.batchReader = json.readerFor(new TypeReference<List<FixRequest>>() {
		});
		this.maxBatchSize = properties.maxBatchSize();
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes());
	}

	Mono<ServerResponse> one(ServerRequest request) {
		return ingest(request, false);
	}

	Mono<ServerResponse> batch(ServerRequest request) {
		return ingest(request, true);
	}

	private Mono<ServerResponse> ingest(ServerRequest request, boolean batch) {
		String token;
		try {
			requireJson(request.headers());
			token = this.authentication.token(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
			if (request.headers().contentLength().orElse(0) > this.maxBodyBytes) {
				throw IngestRejectedException.tooLarge(tooLarge());
			}
		}
		catch (IngestRejectedException ex) {
			return this.problems.answer(request, ex);
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.maxBodyBytes)
			.onErrorMap(DataBufferLimitException.class, (ex) -> IngestRejectedException.tooLarge(tooLarge()))
			.switchIfEmpty(Mono.error(IngestHandler::missingBody))
			.flatMap((body) -> publish(readValid(body, batch), token, IngestHandler::accepted))
			.onErrorResume(IngestRejectedException.class, (ex) -> this.problems.answer(request, ex));
	}

	/**
	 * One fix that a phone app sent in its own protocol, already mapped to a fix: the
	 * same checks in the same order as {@code POST /api/v1/locations} (token shape
	 * {@code 401}, rules {@code 400}, token's rider {@code 403}) and the same Kafka path;
	 * only the success answer is the app's own.
	 * @param request the request, for the problem's {@code instance}
	 * @param fix the fix
	 * @param token the rider token as the app sent it
	 * @param accepted the answer once Kafka acknowledged the fix
	 * @return the answer
	 */
	Mono<ServerResponse> ingest(ServerRequest request, FixRequest fix, String token,
			Supplier<Mono<ServerResponse>> accepted) {
		return Mono.defer(() -> {
			String checked = this.authentication.token(BEARER + token);
			return publish(validated(List.of(fix), false), checked, (count) -> accepted.get());
		}).onErrorResume(IngestRejectedException.class, (ex) -> this.problems.answer(request, ex));
	}

	/**
	 * The request's fixes, read and checked against every rule.
	 * @param body the whole body
	 * @param batch whether it is a batch (a JSON array) or one fix
	 * @return the valid fixes, in order
	 */
	private List<FixRequest> readValid(DataBuffer body, boolean batch) {
		List<FixRequest> fixes = batch ? read(this.batchReader, body)
				: List.of(IngestHandler.<FixRequest>read(this.oneReader, body));
		return validated(fixes, batch);
	}

	private List<FixRequest> validated(List<FixRequest> fixes, boolean batch) {
		if (fixes.size() > this.maxBatchSize) {
			throw IngestRejectedException
				.tooLarge("a batch holds at most " + this.maxBatchSize + " fixes, this one " + fixes.size());
		}
		List<Violation> violations = new ArrayList<>(0);
		if (fixes.isEmpty()) {
			violations.add(new Violation(null, "", "must hold at least one fix", null));
		}
		for (int i = 0; i < fixes.size(); i++) {
			// a batch's broken rules name the fix by its index
			this.validator.validate(fixes.get(i), batch ? i : null, violations);
		}
		if (!violations.isEmpty()) {
			throw IngestRejectedException.invalid(violations);
		}
		return fixes;
	}

	private static <T> T read(ObjectReader reader, DataBuffer body) {
		byte[] bytes = new byte[body.readableByteCount()];
		body.read(bytes);
		DataBufferUtils.release(body);
		try {
			T value = reader.readValue(bytes);
			if (value == null) {
				throw missingBody();
			}
			return value;
		}
		catch (JacksonException ex) {
			throw IngestProblems.unreadable(ex);
		}
	}

	private Mono<ServerResponse> publish(List<FixRequest> fixes, String token,
			IntFunction<Mono<ServerResponse>> answer) {
		this.authentication.authorize(token, fixes);
		List<RiderLocation> events = new ArrayList<>(fixes.size());
		for (FixRequest fix : fixes) {
			events.add(fix.toEvent());
		}
		// a client that goes away must not cancel the publisher's future: its in-flight
		// count and metrics are settled when Kafka answers
		// (Reactor unwraps the CompletionException of a failed future)
		return Mono.fromFuture(this.publisher.publish(events), true).flatMap(answer::apply);
	}

	private static Mono<ServerResponse> accepted(int count) {
		return ServerResponse.accepted()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue((count == 1) ? ONE_ACCEPTED : acceptedBody(count));
	}

	private static void requireJson(ServerRequest.Headers headers) {
		MediaType type = headers.contentType().orElse(null);
		if (type == null || !MediaType.APPLICATION_JSON.includes(type)) {
			throw IngestRejectedException.unsupportedMediaType(type);
		}
	}

	private static IngestRejectedException missingBody() {
		return IngestRejectedException.malformed("the request body is missing", List.of(), null);
	}

	private String tooLarge() {
		return "the body is larger than " + this.maxBodyBytes + " bytes";
	}

	private static byte[] acceptedBody(int count) {
		return ("{\"accepted\":" + count + "}").getBytes(StandardCharsets.US_ASCII);
	}

}
