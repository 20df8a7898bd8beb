package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Senders that reach the bound wait until three quarters of it are in flight again.
 */
class InFlightLimitTests {

	@Test
	void aSenderAtTheBoundWaitsUntilAQuarterHasBeenAnswered() throws Exception {
		InFlightLimit limit = new InFlightLimit(8);
		for (int i = 0; i < 8; i++) {
			limit.acquire();
		}
		AtomicBoolean sent = new AtomicBoolean();
		Thread sender = new Thread(() -> {
			limit.acquire();
			sent.set(true);
		});
		sender.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> sender.getState() == Thread.State.WAITING);

		limit.release();
		assertThat(sent).isFalse();
		limit.release();
		sender.join(TimeUnit.SECONDS.toMillis(5));
		assertThat(sent).isTrue();
		assertThat(limit.inFlight()).isEqualTo(7);
	}

	@Test
	void tellsWhenNothingIsInFlight() throws Exception {
		InFlightLimit limit = new InFlightLimit(4);
		limit.acquire();
		limit.acquire();
		assertThat(limit.awaitNoneInFlight(10, TimeUnit.MILLISECONDS)).isFalse();
		Thread answers = new Thread(() -> {
			limit.release();
			limit.release();
		});
		answers.start();
		assertThat(limit.awaitNoneInFlight(5, TimeUnit.SECONDS)).isTrue();
	}

}
