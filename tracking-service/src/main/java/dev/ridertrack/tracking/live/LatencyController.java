package dev.ridertrack.tracking.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a fix's time went on its way to the browsers ({@link LatencyStages}), for the
 * browser benchmark and for anyone asking why the map lags: the stages' percentiles since
 * the last reset. An operator's endpoint, like the rest of {@code /api}.
 */
@RestController
class LatencyController {

	private final LatencyStages stages;

	LatencyController(LatencyStages stages) {
		this.stages = stages;
	}

	@GetMapping("/api/v1/live/latency")
	Latency latency() {
		List<StageFigures> figures = new ArrayList<>();
		for (LatencyStages.Stage stage : LatencyStages.Stage.values()) {
			figures.add(new StageFigures(stage.name().toLowerCase(Locale.ROOT), stage.description(),
					this.stages.count(stage), this.stages.percentile(stage, 0.5), this.stages.percentile(stage, 0.9),
					this.stages.percentile(stage, 0.99), this.stages.percentile(stage, 1.0)));
		}
		return new Latency(figures);
	}

	/**
	 * Starts the figures over, so that the next reading covers only what happens from now
	 * on (the benchmark resets before each view it measures).
	 * @return no content
	 */
	@DeleteMapping("/api/v1/live/latency")
	ResponseEntity<Void> reset() {
		this.stages.reset();
		return ResponseEntity.noContent().build();
	}

	/**
	 * The stages, in the order a fix passes them.
	 *
	 * @param stages each stage's figures
	 */
	record Latency(List<StageFigures> stages) {
	}

	/**
	 * One stage's figures, in milliseconds (-1 when nothing was recorded).
	 *
	 * @param stage the stage's name
	 * @param measures what the stage measures
	 * @param count values recorded since the last reset
	 * @param p50 the median
	 * @param p90 the 90th percentile
	 * @param p99 the 99th percentile
	 * @param max the largest value
	 */
	record StageFigures(String stage, String measures, long count, long p50, long p90, long p99, long max) {
	}

}
