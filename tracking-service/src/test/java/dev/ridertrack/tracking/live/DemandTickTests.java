package dev.ridertrack.tracking.live;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DemandTickTests {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger runs = new AtomicInteger();

	private final DemandTick tick = new DemandTick(this.runs::incrementAndGet, 10);

	@AfterEach
	void shutDown() {
		this.executor.shutdownNow();
	}

	@Test
	void runsOnlyOnceWantedAndUntilTheWorkIsGone() {
		this.tick.runOn(this.executor);
		assertThat(this.tick.running()).isFalse();
		this.tick.wanted();
		this.tick.wanted();
		assertThat(this.tick.running()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() >= 3);
		this.tick.stopIf(() -> false);
		assertThat(this.tick.running()).as("work left").isTrue();
		this.tick.stopIf(() -> true);
		assertThat(this.tick.running()).isFalse();
		this.tick.wanted();
		assertThat(this.tick.running()).as("wanted again").isTrue();
	}

	@Test
	void isNeverScheduledWithoutAnExecutor() {
		this.tick.wanted();
		assertThat(this.tick.running()).isFalse();
		this.tick.runOn(this.executor);
		this.tick.wanted();
		this.tick.runOn(null);
		assertThat(this.tick.running()).as("its executor shut down").isFalse();
	}

}
