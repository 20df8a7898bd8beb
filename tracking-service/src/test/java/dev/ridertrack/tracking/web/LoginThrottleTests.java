package dev.ridertrack.tracking.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.ridertrack.tracking.SecurityProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new SecurityProperties.Session(Duration.ofHours(8), 3, Duration.ofSeconds(1), Duration.ofSeconds(10)),
			this.clock);

	@Test
	void aFewWrongTokensAreFreeThenEachDoublesTheWaitUpToTheLongest() {
		assertThat(this.throttle.failed("a")).isZero();
		assertThat(this.throttle.failed("a")).isZero();
		assertThat(this.throttle.failed("a")).isZero();
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.throttle.failed("a")).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theWaitRunsOutAndIsPerClient() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("a");
		}
		assertThat(this.throttle.waitFor("a")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("b")).isZero();
		this.clock.now = this.clock.now.plusMillis(1000);
		assertThat(this.throttle.waitFor("a")).isZero();
	}

	@Test
	void aRightTokenStartsTheCountAfresh() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("a");
		}
		this.throttle.succeeded("a");
		assertThat(this.throttle.waitFor("a")).isZero();
		assertThat(this.throttle.failed("a")).isZero();
	}

	static final class MovableClock extends Clock {

		Instant now = Instant.parse("2026-12-05T12:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
