package dev.ridertrack.producer.ingest;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * The answers both ingestion endpoints share, in the OpenAPI description: {@code 202} and
 * every {@link Problem}.
 */
@Component
class IngestAnswers implements OpenApiCustomizer {

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	@Override
	public void customise(OpenAPI api) {
		api.getComponents().getSchemas().putAll(ModelConverters.getInstance().read(Problem.class));
		Content problem = new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
		for (String path : List.of(IngestRoutes.ONE, IngestRoutes.BATCH)) {
			PathItem item = api.getPaths().get(path);
			if (item == null || item.getPost() == null) {
				continue;
			}
			item.getPost()
				.getResponses()
				.addApiResponse("202",
						new ApiResponse().description("Kafka acknowledged every fix of the request")
							.content(new Content().addMediaType(JSON, new MediaType().example(Map.of("accepted", 1)))))
				.addApiResponse("400", answer("Malformed JSON or a broken rule; `errors` names each field", problem))
				.addApiResponse("401", answer("No rider token", problem))
				.addApiResponse("403", answer("The token is another rider's", problem))
				.addApiResponse("405", answer("Not POST", problem))
				.addApiResponse("413", answer("Body or batch too large", problem))
				.addApiResponse("415", answer("Not application/json", problem))
				.addApiResponse("503", answer("Kafka unavailable or too busy; nothing was accepted: "
						+ "resend the whole request after Retry-After", problem));
		}
	}

	private static ApiResponse answer(String description, Content problem) {
		return new ApiResponse().description(description).content(problem);
	}

}
