package dev.ridertrack.tracking.lessons;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lessons that control processes (4–8, 14) find the local stack. The stack sets
 * {@code RIDERTRACK_LESSONS_STACK_URL} for the services it starts; under docker compose
 * and in tests on the embedded broker it is unset and those lessons say so.
 *
 * @param stackUrl the control API, e.g. {@code http://127.0.0.1:8090}, or {@code null}
 * @param autoscalerInterval how often the autoscaler looks at db-writer's lag
 * @param autoscalerQuiet how long lag must stay near zero before it removes an instance
 * @param autoscalerGrowing how many readings in a row lag must grow before it adds one
 * @param autoscalerCooldown the least time between two of its decisions
 * @param autoscalerNearZero lag (records) it counts as near zero: db-writer commits per
 * batch, so even a group that keeps up shows a couple of seconds of fixes
 * @param autoscalerWorthAdding lag (records) below which growth is no reason to add
 */
@ConfigurationProperties("ridertrack.lessons")
record StackControlProperties(URI stackUrl, @DefaultValue("5s") Duration autoscalerInterval,
		@DefaultValue("60s") Duration autoscalerQuiet, @DefaultValue("3") int autoscalerGrowing,
		@DefaultValue("45s") Duration autoscalerCooldown, @DefaultValue("500") long autoscalerNearZero,
		@DefaultValue("2000") long autoscalerWorthAdding) {

	boolean hasStack() {
		return this.stackUrl != null && !this.stackUrl.toString().isBlank();
	}

}
