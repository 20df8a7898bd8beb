package dev.ridertrack.tracking.live;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.testsupport.Infrastructure;
import dev.ridertrack.testsupport.WithInfrastructure;
import dev.ridertrack.tracking.Fixes;
import dev.ridertrack.tracking.LiveClient;
import dev.ridertrack.tracking.state.RiderStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance nobody watches reads each fix once (its group's share, into Redis); the
 * live feed reads only while a browser is connected, and a browser that connects later
 * still sees every rider where it is now, with its duty. The live tick runs only while a
 * browser is connected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ridertrack.tracking.live-idle-after=1s")
@WithInfrastructure
@ActiveProfiles("test")
class LiveFeedIdleIntegrationTests {

	static Fixes fixes;

	@LocalServerPort
	int port;

	@Autowired
	LiveFeed feed;

	@Autowired
	LiveView view;

	@Autowired
	LivePush push;

	@Autowired
	RiderStore riders;

	final String run = UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void producer() {
		fixes = new Fixes(Infrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	static void closeProducer() {
		fixes.close();
	}

	@Test
	void readsTheStreamOnlyWhileABrowserWatchesAndTheNextBrowserSeesRidersWhereTheyAreNow() {
		String rider = "rider-idle-" + this.run;
		String order = "order-idle-" + this.run;
		// nobody has connected: Redis gets the fix, the live feed reads nothing
		fixes.send(Fixes.fix(rider, 1, 38.70, -9.14));
		fixes.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.riders.rider(rider)).containsEntry("seq", "1"));
		assertThat(this.feed.reading()).isFalse();
		assertThat(this.view.fixesRead()).isZero();
		assertThat(this.push.ticking()).as("the live tick, with nobody connected").isFalse();

		try (LiveClient first = LiveClient.connect(url(), "test-operator", null)) {
			first.viewport(38.0, -10.0, 39.0, -9.0);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(first.visible).containsKey(rider));
			assertThat(first.visible.get(rider).lat()).isEqualTo(38.70);
			assertThat(this.push.ticking()).isTrue();
		}
		// the browser left: after the idle time the feed stops reading, and the tick
		// stops
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.feed.reading() && !this.push.ticking());
		long readBefore = this.view.fixesRead();

		// meanwhile the rider moves and takes an order
		Place restaurant = new Place("r", "Tasca", 38.71, -9.13);
		Place home = new Place("h", "Home", 38.72, -9.15);
		fixes.send("order-events", order,
				new OrderEvent(order, rider, OrderStatus.ASSIGNED, restaurant, home, Instant.now()));
		fixes.send(Fixes.fix(rider, 2, 38.75, -9.14));
		fixes.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.riders.rider(rider)).containsEntry("seq", "2")
				.containsEntry("state", "to-restaurant"));
		assertThat(this.view.fixesRead()).isEqualTo(readBefore);

		try (LiveClient second = LiveClient.connect(url(), "test-operator", null)) {
			second.viewport(38.0, -10.0, 39.0, -9.0);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(second.visible).containsKey(rider);
				assertThat(second.visible.get(rider).lat()).isEqualTo(38.75);
				assertThat(second.visible.get(rider).state()).isEqualTo(LiveView.TO_RESTAURANT);
			});
			assertThat(this.feed.reading()).isTrue();
		}
	}

	private String url() {
		return "ws://localhost:" + this.port + "/ws/live";
	}

}
