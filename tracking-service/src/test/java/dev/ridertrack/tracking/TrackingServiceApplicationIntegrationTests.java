package dev.ridertrack.tracking;

import dev.ridertrack.testsupport.HealthAssert;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@WithInfrastructure
@ActiveProfiles("test")
class TrackingServiceApplicationIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void reportsHealthyWithEveryConnectionItNeeds() {
		HealthAssert.assertHealthy(this.http, "kafka", "redis");
	}

}
