package dev.ridertrack.producer.security;

import dev.ridertrack.producer.LocationProducerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSecretTests {

	@Test
	void refusesToStartWithoutATokenSecretAndSaysWhichVariableToSet() {
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(LocationProducerApplication.class).web(WebApplicationType.NONE)
					.properties("spring.kafka.admin.auto-create=false", "spring.kafka.bootstrap-servers=127.0.0.1:1")
					.run()
					.close())
			.rootCause()
			.isInstanceOf(MissingTokenSecretException.class)
			.hasMessageContaining("RIDERTRACK_SECURITY_TOKEN_SECRET");
	}

	@Test
	void explainsTheMissingSecretInsteadOfAStackTrace() {
		FailureAnalysis analysis = new MissingTokenSecretFailureAnalyzer()
			.analyze(new IllegalStateException(new MissingTokenSecretException()));
		assertThat(analysis.getDescription()).contains("ridertrack.security.token-secret");
		assertThat(analysis.getAction()).contains("RIDERTRACK_SECURITY_TOKEN_SECRET").contains("local");
	}

}
