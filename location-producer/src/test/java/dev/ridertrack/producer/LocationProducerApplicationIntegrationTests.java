package dev.ridertrack.producer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as production runs it with a management port (docs/security.md): health
 * details, metrics and Prometheus there, none of it on the port rider apps reach.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"ridertrack.security.token-secret=test-token-secret-0123456789", "management.server.port=0",
		"management.endpoints.web.exposure.include=health,info,metrics,prometheus",
		"management.endpoint.health.show-details=always",
		// test-support puts Tomcat on the test classpath (the jar has only Reactor
		// Netty): two management servers would be configured
		"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration" })
@WithInfrastructure
class LocationProducerApplicationIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void reportsHealthyWithEveryConnectionItNeedsOnTheManagementPort() throws Exception {
		HttpResponse<String> health = get(this.managementPort, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = EventJson.mapper().readTree(health.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").has("kafka")).as(health.body()).isTrue();
		assertThat(get(this.managementPort, "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void servesNoFiguresOnThePortRiderAppsReach() throws Exception {
		assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/actuator/metrics").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
