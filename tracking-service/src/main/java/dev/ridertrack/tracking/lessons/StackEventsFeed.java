package dev.ridertrack.tracking.lessons;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.tracking.kafka.ClusterFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Brings the local stack's supervisor onto the Kafka page's timeline: a process that
 * crashed, its restart, its recovery, a crash loop given up on. Reads the control API's
 * {@code GET /api/stack/events} every few seconds, only when this tracking-service was
 * started by the local stack.
 */
@Component
class StackEventsFeed implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StackEventsFeed.class);

	private static final long EVERY_SECONDS = 5;

	private final StackControl stack;

	private final ClusterFacts facts;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stack-events");
		thread.setDaemon(true);
		return thread;
	});

	private Instant newestSeen = Instant.EPOCH;

	private boolean warned;

	StackEventsFeed(StackControl stack, ClusterFacts facts) {
		this.stack = stack;
		this.facts = facts;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.stack.available()) {
			this.scheduler.scheduleWithFixedDelay(this::read, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
		}
	}

	void read() {
		try {
			for (StackControl.StackEvent event : this.stack.events()) {
				if (event.time().isAfter(this.newestSeen)) {
					this.facts.processEvent(event.time(), event.kind(), event.process(), event.text());
					this.newestSeen = event.time();
				}
			}
			this.warned = false;
		}
		catch (RuntimeException ex) {
			// the stack is stopping, or older than its events endpoint: say it once
			if (!this.warned) {
				log.info("Could not read the local stack's process events: " + ex.getMessage());
				this.warned = true;
			}
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
