package dev.ridertrack.producer.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.ridertrack.events.RiderLocation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/locations} (one fix) and {@code POST /api/v1/locations/batch} (a
 * JSON array of fixes, all of one rider). Either the whole request is valid and is
 * written, or nothing of it is.
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

	private final FixValidator validator;

	private final RiderAuthentication authentication;

	private final LocationPublisher publisher;

	private final int maxBatchSize;

	IngestController(FixValidator validator, RiderAuthentication authentication, LocationPublisher publisher,
			IngestProperties properties) {
		this.validator = validator;
		this.authentication = authentication;
		this.publisher = publisher;
		this.maxBatchSize = properties.maxBatchSize();
	}

	@Operation(summary = "Send one fix")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<Accepted>> one(@RequestBody FixRequest fix, HttpServletRequest request) {
		List<Violation> violations = new ArrayList<>(0);
		this.validator.validate(fix, null, violations);
		return publish(List.of(fix), violations, request);
	}

	@Operation(summary = "Send a batch of one rider's fixes, oldest first",
			description = "A JSON array of up to ridertrack.ingest.max-batch-size fixes (500 by default). "
					+ "All or nothing: one invalid fix rejects the batch with every broken rule listed by index.")
	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<Accepted>> batch(@RequestBody List<FixRequest> fixes, HttpServletRequest request) {
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
		return publish(fixes, violations, request);
	}

	private CompletableFuture<ResponseEntity<Accepted>> publish(List<FixRequest> fixes, List<Violation> violations,
			HttpServletRequest request) {
		if (!violations.isEmpty()) {
			throw IngestRejectedException.invalid(violations);
		}
		this.authentication.authorize(request, fixes);
		List<RiderLocation> events = new ArrayList<>(fixes.size());
		for (FixRequest fix : fixes) {
			events.add(fix.toEvent());
		}
		return this.publisher.publish(events).thenApply((count) -> ResponseEntity.accepted().body(new Accepted(count)));
	}

	/**
	 * The answer to an accepted request.
	 *
	 * @param accepted how many fixes Kafka acknowledged: all of the request's
	 */
	record Accepted(int accepted) {

	}

}
