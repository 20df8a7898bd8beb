package dev.ridertrack.producer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI locationProducerApi() {
		return new OpenAPI()
			.info(new Info().title("RiderTrack location-producer")
				.version("v1")
				.description("Rider apps send GPS fixes here. A 202 means Kafka acknowledged every fix of the request "
						+ "(acks=all); errors are RFC 9457 problem+json bodies whose `errors` name the field, "
						+ "the rule and the rejected value."))
			.components(new Components().addSecuritySchemes("riderToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("new HmacTokens(secret, \"rider\").mint(riderId), valid 24 h; "
								+ "in the local profile GET /api/v1/dev/token/{riderId} mints one")));
	}

}
