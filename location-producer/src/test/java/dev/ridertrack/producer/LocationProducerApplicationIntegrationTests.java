package dev.ridertrack.producer;

import dev.ridertrack.testsupport.HealthAssert;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ridertrack.security.token-secret=test-token-secret-0123456789")
@AutoConfigureTestRestTemplate
@WithInfrastructure
class LocationProducerApplicationIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void reportsHealthyWithEveryConnectionItNeeds() {
		HealthAssert.assertHealthy(this.http, "kafka");
	}

}
