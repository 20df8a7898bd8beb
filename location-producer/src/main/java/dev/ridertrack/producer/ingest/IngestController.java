package dev.ridertrack.producer.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ridertrack.events.RiderLocation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /api/v1/locations} (one fix) and {@code POST /api/v1/locations/batch} (a
 * JSON array of fixes, all of one rider). Either the whole request is valid and is
 * written, or nothing of it is.
 * <p>
 * While Kafka acknowledges, the request holds no thread: the handler starts servlet async
 * processing itself and the answer is written from the acknowledgement, straight to the
 * response. This skips Spring MVC's second dispatch of an async result (the filter chain,
 * handler lookup and message converters all over again), which cost about a third of the
 * CPU of a request. Failures still take Spring's path ({@link IngestProblems}), so every
 * error body is the same wherever it arises.
 */
@RestController
@RequestMapping("/api/v1/locations")
@Tag(name = "locations", description = "GPS fixes from rider apps")
@SecurityRequirement(name = "riderToken")
@ApiResponse(responseCode = "202", description = "Kafka acknowledged every fix of the request")
@ApiResponse(responseCode = "400", description = "Malformed JSON or a broken rule; `errors` names each field",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No rider token",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The token is another rider's",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "Body or batch too large",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "415", description = "Not application/json",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503",
		description = "Kafka unavailable or too busy; nothing was accepted: resend the whole request after Retry-After",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
class IngestController {

	private static final Log logger = LogFactory.getLog(IngestController.class);

	private final FixValidator validator;

	private final RiderAuthentication authentication;

	private final LocationPublisher publisher;

	private final HandlerExceptionResolver problems;

	private final int maxBatchSize;

	IngestController(FixValidator validator, RiderAuthentication authentication, LocationPublisher publisher,
			IngestProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.validator = validator;
		this.authentication = authentication;
		this.publisher = publisher;
		this.maxBatchSize = properties.maxBatchSize();
		this.problems = problems;
	}

	@Operation(summary = "Send one fix")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> one(@RequestBody FixRequest fix, HttpServletRequest request,
			HttpServletResponse response) {
		List<Violation> violations = new ArrayList<>(0);
		this.validator.validate(fix, null, violations);
		return publish(List.of(fix), violations, request, response);
	}

	@Operation(summary = "Send a batch of one rider's fixes, oldest first",
			description = "A JSON array of up to ridertrack.ingest.max-batch-size fixes (500 by default). "
					+ "All or nothing: one invalid fix rejects the batch with every broken rule listed by index.")
	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> batch(@RequestBody List<FixRequest> fixes, HttpServletRequest request,
			HttpServletResponse response) {
		if (fixes.size() > this.maxBatchSize) {
			throw IngestRejectedException
				.tooLarge("a batch holds at most " + this.maxBatchSize + " fixes, this one " + fixes.size());
		}
		List<Violation> violations = new ArrayList<>(0);
		if (fixes.isEmpty()) {
			violations.add(new Violation(null, "", "must hold at least one fix", null));
		}
		for (int i = 0; i < fixes.size(); i++) {
			this.validator.validate(fixes.get(i), i, violations);
		}
		return publish(fixes, violations, request, response);
	}

	/**
	 * Sends valid, authorized fixes; answers at once if Kafka already answered (a send
	 * that failed fast), else later from the acknowledgement.
	 * @return the answer, or {@code null} when it will be written asynchronously
	 */
	private ResponseEntity<Accepted> publish(List<FixRequest> fixes, List<Violation> violations,
			HttpServletRequest request, HttpServletResponse response) {
		if (!violations.isEmpty()) {
			throw IngestRejectedException.invalid(violations);
		}
		this.authentication.authorize(request, fixes);
		List<RiderLocation> events = new ArrayList<>(fixes.size());
		for (FixRequest fix : fixes) {
			events.add(fix.toEvent());
		}
		CompletableFuture<Integer> acknowledged = this.publisher.publish(events);
		if (acknowledged.isDone()) {
			try {
				return ResponseEntity.accepted().body(new Accepted(acknowledged.join()));
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		AsyncContext async = request.startAsync(request, response);
		acknowledged.whenComplete((count, error) -> {
			if (error == null) {
				// on Kafka's thread, which only fills the response buffer: complete()
				// hands the socket write to a container thread (no Content-Length here,
				// else Tomcat would write the response as soon as it is whole; it sets
				// the length itself when it finishes the response)
				answer(async, () -> accepted(async, count));
			}
			else {
				// a problem body goes through Spring's message converters: not on
				// Kafka's thread
				async.start(() -> answer(async, () -> rejected(async, error)));
			}
		});
		return null;
	}

	private void answer(AsyncContext async, Answer answer) {
		try {
			answer.write();
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, or the answer could not be written: nothing left to
			// tell it
			logger.debug("Could not answer " + ((HttpServletRequest) async.getRequest()).getRequestURI(), ex);
		}
		finally {
			async.complete();
		}
	}

	private static void accepted(AsyncContext async, int count) throws IOException {
		HttpServletResponse response = (HttpServletResponse) async.getResponse();
		byte[] body = ("{\"accepted\":" + count + "}").getBytes(StandardCharsets.US_ASCII);
		response.setStatus(HttpServletResponse.SC_ACCEPTED);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(body);
	}

	private void rejected(AsyncContext async, Throwable error) throws IOException {
		HttpServletRequest request = (HttpServletRequest) async.getRequest();
		HttpServletResponse response = (HttpServletResponse) async.getResponse();
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		Exception rejection = (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
		if (this.problems.resolveException(request, response, null, rejection) == null) {
			response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		}
	}

	@FunctionalInterface
	private interface Answer {

		void write() throws IOException;

	}

	/**
	 * The answer to an accepted request.
	 *
	 * @param accepted how many fixes Kafka acknowledged: all of the request's
	 */
	record Accepted(int accepted) {

	}

}
