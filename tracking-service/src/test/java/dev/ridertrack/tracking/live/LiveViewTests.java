package dev.ridertrack.tracking.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.ridertrack.tracking.TrackingProperties;
import dev.ridertrack.tracking.state.RiderStore.Duty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the map shows when the live feed starts reading again after missing part of the
 * streams (nobody watched for a while).
 */
class LiveViewTests {

	static final long NOW = 1_800_000_000_000L;

	final LiveView view = new LiveView(Clock.systemUTC(), properties(), new LatencyStages());

	@Test
	void afterAGapRidersNotHeardFromSinceLeaveTheMapUntilTheirNextFix() {
		this.view.fix("rider-quiet", 1, 52.5, 13.4, 5, 90, NOW - 60_000, null, NOW - 60_000, NOW - 60_000);
		this.view.fix("rider-busy", 1, 52.5, 13.4, 5, 90, NOW - 2_000, null, NOW - 2_000, NOW - 2_000);
		long before = this.view.version();

		this.view.forgetSilentSince(NOW - 10_000);

		assertThat(this.view.slot("rider-quiet").removed).isTrue();
		assertThat(this.view.slot("rider-quiet").version).isGreaterThan(before);
		assertThat(this.view.slot("rider-busy").removed).isFalse();
		assertThat(this.view.activeRiders()).isEqualTo(1);

		// its next fix brings it back, even one the view had already applied
		this.view.fix("rider-quiet", 1, 52.6, 13.4, 5, 90, NOW - 1_000, null, NOW, NOW);
		assertThat(this.view.slot("rider-quiet").removed).isFalse();
		assertThat(this.view.slot("rider-quiet").lat).isEqualTo(52_600_000);
	}

	@Test
	void dutiesFromRedisReplaceWhatTheViewHeldBeforeTheGap() {
		this.view.fix("rider-delivered", 1, 52.5, 13.4, 5, 90, NOW, null, NOW, NOW);
		this.view.fix("rider-assigned", 1, 52.5, 13.4, 5, 90, NOW, null, NOW, NOW);
		this.view.duty("rider-delivered", "order-1", LiveView.TO_CUSTOMER, false);
		long before = this.view.version();

		// meanwhile order-1 was delivered and order-2 assigned: Redis holds only the
		// latter
		this.view.replaceDuties(Map.of("rider-assigned", new Duty("to-restaurant", "order-2")));

		LiveView.Slot delivered = this.view.slot("rider-delivered");
		LiveView.Slot assigned = this.view.slot("rider-assigned");
		assertThat(delivered.state).isEqualTo(LiveView.IDLE);
		assertThat(delivered.orderId).isNull();
		assertThat(assigned.state).isEqualTo(LiveView.TO_RESTAURANT);
		assertThat(assigned.orderId).isEqualTo("order-2");
		assertThat(delivered.version).isGreaterThan(before);
		assertThat(assigned.version).isGreaterThan(before);
		// a rider seen later starts with its stored duty
		this.view.fix("rider-new", 1, 52.5, 13.4, 5, 90, NOW, null, NOW, NOW);
		this.view.replaceDuties(Map.of("rider-later", new Duty("to-customer", "order-3")));
		this.view.fix("rider-later", 1, 52.5, 13.4, 5, 90, NOW, null, NOW, NOW);
		assertThat(this.view.slot("rider-later").state).isEqualTo(LiveView.TO_CUSTOMER);
	}

	private static TrackingProperties properties() {
		return new TrackingProperties(Duration.ofMinutes(2), Duration.ofMillis(100), Duration.ofSeconds(5),
				Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(6), Duration.ofSeconds(10), 10, 40_000,
				8, Duration.ofMillis(500), Duration.ofMinutes(1));
	}

}
