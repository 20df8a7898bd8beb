package dev.ridertrack.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API's health is asked of the processes when someone reads it, at most once
 * per 5 s however many read it, and is never older than that.
 */
class HealthChecksTests {

	private final Console console = new Console(
			new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<ManagedProcess> processes = new ArrayList<>();

	private final AtomicBoolean healthy = new AtomicBoolean(true);

	private final AtomicInteger asked = new AtomicInteger();

	private Instant now = Instant.parse("2026-12-06T04:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return HealthChecksTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	@TempDir
	Path data;

	@AfterEach
	void stop() {
		this.processes.forEach((process) -> process.stop(Duration.ofSeconds(5)));
		this.executor.shutdownNow();
	}

	@Test
	void readersWithinFiveSecondsShareOneCheckAndALaterReaderSeesTheChange() {
		ManagedProcess service = running("service");
		HealthChecks checks = new HealthChecks(() -> this.processes, this.executor, this.clock, Stack.HEALTH_MAX_AGE);
		int askedWhileStarting = this.asked.get();

		this.healthy.set(false);
		checks.refresh();
		assertThat(service.healthy()).isFalse();

		this.healthy.set(true);
		this.now = this.now.plusSeconds(4);
		checks.refresh();
		checks.refresh();
		assertThat(this.asked.get() - askedWhileStarting).isOne();
		assertThat(service.healthy()).as("still the answer of 4 s ago").isFalse();

		this.now = this.now.plusSeconds(1);
		checks.refresh();
		assertThat(service.healthy()).isTrue();
		assertThat(this.asked.get() - askedWhileStarting).isEqualTo(2);
	}

	@Test
	void asksOnlyTheProcessesThatRun() {
		ManagedProcess stopped = running("stopped");
		stopped.stop(Duration.ofSeconds(5));
		HealthChecks checks = new HealthChecks(() -> this.processes, this.executor, this.clock, Stack.HEALTH_MAX_AGE);
		int asked = this.asked.get();

		checks.refresh();

		assertThat(this.asked.get()).isEqualTo(asked);
	}

	private ManagedProcess running(String name) {
		ManagedProcess process = new ManagedProcess(name, ManagedProcess.Kind.SERVICE, name, 1, 0,
				List.of("sh", "-c", "sleep 60"), Map.of(), this.data, this.console, () -> {
					this.asked.incrementAndGet();
					return this.healthy.get();
				});
		this.processes.add(process);
		process.start();
		process.awaitReady(Duration.ofSeconds(10));
		return process;
	}

}
