package dev.ridertrack.tracking.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes silent riders from Redis every few seconds. Every instance sweeps; the sweep is
 * atomic and idempotent, so two doing it at once is harmless.
 */
@Component
class Sweeper {

	private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

	private final RiderStore riders;

	Sweeper(RiderStore riders) {
		this.riders = riders;
	}

	@Scheduled(fixedDelayString = "${ridertrack.tracking.sweep-interval:5s}")
	void sweep() {
		try {
			this.riders.sweep();
		}
		catch (RuntimeException ex) {
			log.warn("sweeping silent riders failed, will retry: {}", ex.toString());
		}
	}

}
