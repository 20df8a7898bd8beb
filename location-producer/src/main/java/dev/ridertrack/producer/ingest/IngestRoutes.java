package dev.ridertrack.producer.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ingestion API's routes: functional endpoints, which skip annotated controllers'
 * per-request argument resolution and result handling. The OpenAPI description of each is
 * on the router; {@link IngestAnswers} adds the answers they share.
 */
@Configuration(proxyBeanMethods = false)
class IngestRoutes {

	static final String ONE = "/api/v1/locations";

	static final String BATCH = "/api/v1/locations/batch";

	@Bean
	@RouterOperations({
			@RouterOperation(path = ONE, method = RequestMethod.POST, beanClass = IngestHandler.class,
					beanMethod = "one",
					operation = @Operation(operationId = "sendFix", summary = "Send one fix", tags = "locations",
							security = @SecurityRequirement(name = "riderToken"),
							requestBody = @RequestBody(required = true,
									content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
											schema = @Schema(implementation = FixRequest.class))))),
			@RouterOperation(path = BATCH, method = RequestMethod.POST, beanClass = IngestHandler.class,
					beanMethod = "batch",
					operation = @Operation(operationId = "sendFixes",
							summary = "Send a batch of one rider's fixes, oldest first",
							description = "A JSON array of up to ridertrack.ingest.max-batch-size fixes (500 by default). "
									+ "All or nothing: one invalid fix rejects the batch with every broken rule listed by index.",
							tags = "locations", security = @SecurityRequirement(name = "riderToken"),
							requestBody = @RequestBody(required = true, content = @Content(
									mediaType = MediaType.APPLICATION_JSON_VALUE,
									array = @ArraySchema(schema = @Schema(implementation = FixRequest.class)))))) })
	RouterFunction<ServerResponse> ingestApi(IngestHandler handler, IngestProblems problems) {
		return RouterFunctions.route()
			.POST(ONE, handler::one)
			.POST(BATCH, handler::batch)
			.route(RequestPredicates.path(ONE).or(RequestPredicates.path(BATCH)),
					(request) -> problems.answer(request, IngestRejectedException.methodNotAllowed(request.method())))
			.build();
	}

}
