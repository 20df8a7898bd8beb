package dev.ridertrack.tracking;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and sign-in of the API's OpenAPI description ({@code /v3/api-docs}); the
 * endpoints themselves are read from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI trackingApi() {
		return new OpenAPI()
			.info(new Info().title("RiderTrack tracking-service API")
				.description("Riders, orders and zones for the dashboard, and the Kafka page's view of the "
						+ "cluster: brokers, topics, groups, lag history, the timeline of changes and a message "
						+ "browser. Every endpoint needs the operator token as a bearer token (or the session "
						+ "cookie of /login); a customer's order is also open to its order token."))
			.components(new Components().addSecuritySchemes("operator",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("operator"));
	}

}
