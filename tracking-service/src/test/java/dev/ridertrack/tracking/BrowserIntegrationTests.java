package dev.ridertrack.tracking;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the dashboard and a customer page in headless Chromium (driven by
 * {@code src/test/browser/ui-check.mjs} with npm {@code playwright-core}) while a small
 * city moves, and saves screenshots under {@code target/screenshots/}. Needs
 * {@code /usr/bin/chromium} (or {@code CHROMIUM}), {@code node} and
 * {@code npm install --prefix tracking-service/src/test/browser}; says which is missing
 * and is skipped otherwise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@ActiveProfiles("test")
class BrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void dashboardShowsRidersMovingAndTheCustomerPageShowsTheirOrder() throws Exception {
		Path browserDir = Path.of("src/test/browser").toAbsolutePath();
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		Assumptions.assumeTrue(new File(chromium).canExecute(),
				"SKIPPED: headless Chromium not found at " + chromium + " (apt-get install -y chromium)");
		Assumptions.assumeTrue(Files.isDirectory(browserDir.resolve("node_modules/playwright-core")),
				"SKIPPED: playwright-core missing (npm install --prefix tracking-service/src/test/browser)");
		String prefix = UUID.randomUUID().toString().substring(0, 4);
		try (Fixes fixes = new Fixes(Infrastructure.kafkaBootstrapServers());
				CitySimulation city = new CitySimulation(fixes, prefix, 400, 40, 1000)) {
			String order = city.order(0);
			String token = new HmacTokens("test-token-secret-0123456789", "order").mint(order);
			Path out = Path.of("target/screenshots").toAbsolutePath();
			Process node = new ProcessBuilder("node", "ui-check.mjs", "http://127.0.0.1:" + this.port, "test-operator",
					"/track/" + order + "?token=" + token, out.toString(), "rider-" + prefix)
				.directory(browserDir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(node.getInputStream().readAllBytes());
			boolean finished = node.waitFor(3, TimeUnit.MINUTES);
			System.out.println(output);
			assertThat(finished).as("browser check finished").isTrue();
			assertThat(node.exitValue()).as(output).isZero();
			assertThat(out.resolve("dashboard.png")).exists();
			assertThat(out.resolve("dashboard-rider.png")).exists();
			assertThat(out.resolve("customer.png")).exists();
		}
	}

}
