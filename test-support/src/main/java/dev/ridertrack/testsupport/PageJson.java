package dev.ridertrack.testsupport;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a browser page reads, as trees to compare whole: field names, nesting,
 * {@code null}s and number forms ({@code 300} is not {@code 300.0}) all count, field
 * order does not. A payload record whose component is renamed fails the comparison, where
 * the page would only have shown a blank.
 */
public final class PageJson {

	private static volatile JsonMapper rest;

	private PageJson() {
	}

	/**
	 * A payload as Spring MVC writes it: with the mapper Spring Boot configures for the
	 * application (a service's {@code spring.jackson.*} properties aside).
	 * @param payload what a controller returns
	 * @return its JSON tree as a page parses it
	 */
	public static JsonNode rest(Object payload) {
		return written(restMapper(), payload);
	}

	/**
	 * A payload as written by another mapper, such as the WebSocket's.
	 * @param mapper the mapper
	 * @param payload the payload
	 * @return its JSON tree as a page parses it
	 */
	public static JsonNode written(JsonMapper mapper, Object payload) {
		return parse(mapper.writeValueAsString(payload));
	}

	/**
	 * The expected JSON.
	 * @param json the text
	 * @return its tree
	 */
	public static JsonNode parse(String json) {
		return restMapper().readTree(json);
	}

	private static JsonMapper restMapper() {
		JsonMapper mapper = rest;
		if (mapper == null) {
			JsonMapper[] built = new JsonMapper[1];
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
				.run((context) -> built[0] = context.getBean(JsonMapper.class));
			mapper = built[0];
			rest = mapper;
		}
		return mapper;
	}

}
