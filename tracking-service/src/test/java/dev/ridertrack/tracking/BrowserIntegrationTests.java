package dev.ridertrack.tracking;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.events.Zones;
import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the dashboard and a customer page in headless Chromium (driven by
 * {@code src/test/browser/ui-check.mjs} with npm {@code playwright-core}) while a small
 * city moves, uses them through their controls as an operator and a customer would, and
 * saves screenshots under {@code target/screenshots/}. Needs {@code /usr/bin/chromium}
 * (or {@code CHROMIUM}), {@code node} and
 * {@code npm install --prefix tracking-service/src/test/browser}; says which is missing
 * and is skipped otherwise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@ActiveProfiles("test")
class BrowserIntegrationTests {

	static final int UPSTREAMS_PORT = Infrastructure.freePort();

	@DynamicPropertySource
	static void historyUrl(DynamicPropertyRegistry registry) {
		registry.add("ridertrack.tracking.history-url", () -> "http://127.0.0.1:" + UPSTREAMS_PORT);
		registry.add("ridertrack.tracking.analytics-url", () -> "http://127.0.0.1:" + UPSTREAMS_PORT);
	}

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
				CitySimulation city = new CitySimulation(fixes, prefix, 400, 40, 1000);
				StubUpstreams upstreams = new StubUpstreams(UPSTREAMS_PORT, city, 40)) {
			publishZoneStats(fixes, city);
			publishEtas(fixes, city, 40);
			String order = city.order(0);
			String token = new HmacTokens("test-token-secret-0123456789", "order").mint(order);
			Path out = Path.of("target/screenshots").toAbsolutePath();
			Process node = new ProcessBuilder("node", "ui-check.mjs", "http://127.0.0.1:" + this.port, "test-operator",
					"/track/" + order + "?token=" + token, out.toString(), city.riderId(0), city.order(3))
				.directory(browserDir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(node.getInputStream().readAllBytes());
			boolean finished = node.waitFor(3, TimeUnit.MINUTES);
			System.out.println(output);
			assertThat(finished).as("browser check finished").isTrue();
			assertThat(node.exitValue()).as(output).isZero();
			assertThat(output).contains(city.riderId(0) + " moved");
			assertThat(out.resolve("dashboard.png")).exists();
			assertThat(out.resolve("dashboard-rider.png")).exists();
			assertThat(out.resolve("customer.png")).exists();
			assertThat(out.resolve("replay.png")).exists();
			assertThat(out.resolve("zones.png")).exists();
			assertThat(out.resolve("dashboard-density.png")).exists();
			assertThat(out.resolve("customer-zoomed-out.png")).exists();
		}
	}

	/**
	 * What eta-service would say about the city's orders: the active orders list shows
	 * it.
	 */
	private static void publishEtas(Fixes fixes, CitySimulation city, int orders) {
		for (int i = 0; i < orders; i++) {
			fixes.send("eta-updates", city.order(i),
					new EtaUpdate(city.order(i), city.riderId(i), 240 + 45L * i, 900 + 150.0 * i, Instant.now(), 1));
		}
		fixes.flush();
	}

	/**
	 * Five minutes of analytics' 10 s windows for the zones the city's riders are in, the
	 * busy centre breathing a little from window to window, so the layer and the charts
	 * have something to show.
	 */
	private static void publishZoneStats(Fixes fixes, CitySimulation city) {
		Map<String, Integer> riders = new HashMap<>();
		for (double[] p : city.positions()) {
			riders.merge(Zones.zoneId(p[0], p[1]), 1, Integer::sum);
		}
		Random random = new Random(7);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant last = now.minusSeconds(now.getEpochSecond() % 10 + 10);
		for (int w = 29; w >= 0; w--) {
			Instant start = last.minusSeconds(10L * w);
			double breathing = 0.8 + 0.2 * Math.sin(w / 4.0);
			for (Map.Entry<String, Integer> zone : riders.entrySet()) {
				long active = Math.max(1, Math.round(zone.getValue() * breathing));
				long deliveries = (random.nextInt(120) == 0) ? 1 : 0;
				fixes.send("zone-stats", zone.getKey(),
						new ZoneStats(zone.getKey(), start, start.plusSeconds(10), active, active * 10,
								4 + random.nextDouble() * 3, deliveries,
								(deliveries > 0) ? 1400 + random.nextInt(700) : 0));
			}
		}
		fixes.flush();
	}

}
