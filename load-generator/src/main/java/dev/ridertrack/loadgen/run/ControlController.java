package dev.ridertrack.loadgen.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.ridertrack.loadgen.LoadGeneratorProperties.ScenarioType;
import dev.ridertrack.loadgen.city.DeliveredOrder;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The control API: start and stop the city, change its scenario and rider count while it
 * runs, read its figures and the ground truth of delivered orders.
 */
@RestController
@RequestMapping("/api/v1")
class ControlController {

	private final LoadEngine engine;

	ControlController(LoadEngine engine) {
		this.engine = engine;
	}

	@GetMapping("/status")
	EngineStatus status() {
		return this.engine.status();
	}

	/** Starts the configured scenario, or the one in the body. */
	@PostMapping("/start")
	EngineStatus start(@RequestBody(required = false) ScenarioRequest request) {
		ScenarioPlan plan = (request != null) ? request.applyTo(this.engine.configuredPlan())
				: this.engine.configuredPlan();
		if (!this.engine.start(plan)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "already running; POST /api/v1/stop first");
		}
		return this.engine.status();
	}

	@PostMapping("/stop")
	Summary stop() {
		Summary summary = this.engine.stop();
		if (summary == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "not running");
		}
		return summary;
	}

	/**
	 * Switches the running scenario (it starts over), or starts with it when stopped.
	 * Fields left out keep the current scenario's values.
	 */
	@PostMapping("/scenario")
	EngineStatus scenario(@RequestBody ScenarioRequest request) {
		ScenarioPlan current = this.engine.status().scenario();
		ScenarioPlan plan = request.applyTo((current != null) ? current : this.engine.configuredPlan());
		if (!this.engine.scenario(plan)) {
			this.engine.start(plan);
		}
		return this.engine.status();
	}

	@PutMapping("/riders")
	EngineStatus riders(@RequestBody RidersRequest request) {
		if (request.riders() < 0 || request.riders() > 2_000_000) {
			throw new IllegalArgumentException("riders must be between 0 and 2,000,000: " + request.riders());
		}
		if (!this.engine.riders(request.riders())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "not running; POST /api/v1/start first");
		}
		return this.engine.status();
	}

	@GetMapping("/ground-truth")
	List<DeliveredOrder> groundTruth(@RequestParam(defaultValue = "100") int limit) {
		return this.engine.groundTruth(limit);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * A scenario change; durations as {@code 90s}, {@code 2m} or ISO-8601.
	 *
	 * @param type steady, ramp or spike
	 * @param riders riders at full load
	 * @param ramp ramp duration
	 * @param spikeFactor spike multiplier
	 * @param spikeAfter when the spike starts
	 * @param spikeFor how long it lasts
	 */
	record ScenarioRequest(String type, Integer riders, String ramp, Integer spikeFactor, String spikeAfter,
			String spikeFor) {

		ScenarioPlan applyTo(ScenarioPlan base) {
			return new ScenarioPlan(
					(this.type != null) ? ScenarioType.valueOf(this.type.trim().toUpperCase(Locale.ROOT)) : base.type(),
					(this.riders != null) ? this.riders : base.riders(), duration(this.ramp, base.ramp()),
					(this.spikeFactor != null) ? this.spikeFactor : base.spikeFactor(),
					duration(this.spikeAfter, base.spikeAfter()), duration(this.spikeFor, base.spikeFor()));
		}

		private static Duration duration(String text, Duration fallback) {
			return (text != null) ? DurationStyle.detectAndParse(text) : fallback;
		}

	}

	/**
	 * A rider count change.
	 *
	 * @param riders the new count
	 */
	record RidersRequest(int riders) {
	}

}
