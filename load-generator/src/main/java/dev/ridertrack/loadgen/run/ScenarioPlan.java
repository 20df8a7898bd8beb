package dev.ridertrack.loadgen.run;

import java.time.Duration;

import dev.ridertrack.loadgen.LoadGeneratorProperties;
import dev.ridertrack.loadgen.LoadGeneratorProperties.ScenarioType;

/**
 * A load shape with its rider count: how many riders are on the road and how busy the
 * city is, at each moment since the scenario started.
 *
 * @param type steady, ramp or spike
 * @param riders the riders at full load
 * @param ramp how long a ramp takes from none to all riders
 * @param spikeFactor how many times the order and fix rate rise during a spike
 * @param spikeAfter when the spike starts
 * @param spikeFor how long it lasts
 */
public record ScenarioPlan(ScenarioType type, int riders, Duration ramp, int spikeFactor, Duration spikeAfter,
		Duration spikeFor) {

	public ScenarioPlan {
		if (riders < 0) {
			throw new IllegalArgumentException("riders must not be negative: " + riders);
		}
		if (spikeFactor < 1 || spikeFactor > 20) {
			throw new IllegalArgumentException("spikeFactor must be between 1 and 20: " + spikeFactor);
		}
		if (ramp.isNegative() || spikeAfter.isNegative() || spikeFor.isNegative()) {
			throw new IllegalArgumentException("durations must not be negative");
		}
	}

	static ScenarioPlan from(LoadGeneratorProperties properties) {
		LoadGeneratorProperties.Scenario s = properties.scenario();
		return new ScenarioPlan(s.type(), properties.riders(), s.ramp(), s.spikeFactor(), s.spikeAfter(), s.spikeFor());
	}

	ScenarioPlan withRiders(int count) {
		return new ScenarioPlan(this.type, count, this.ramp, this.spikeFactor, this.spikeAfter, this.spikeFor);
	}

	/**
	 * The riders on the road at a moment.
	 * @param elapsedMillis time since the scenario started
	 * @return riders 0 to {@link #riders}
	 */
	public int activeRiders(long elapsedMillis) {
		if (this.type != ScenarioType.RAMP || this.ramp.isZero() || elapsedMillis >= this.ramp.toMillis()) {
			return this.riders;
		}
		return (int) (this.riders * Math.max(0, elapsedMillis) / this.ramp.toMillis());
	}

	/**
	 * How many times the normal order and fix rate applies at a moment.
	 * @param elapsedMillis time since the scenario started
	 * @return 1, or the spike factor during a spike
	 */
	public int rateFactor(long elapsedMillis) {
		if (this.type != ScenarioType.SPIKE) {
			return 1;
		}
		long start = this.spikeAfter.toMillis();
		return (elapsedMillis >= start && elapsedMillis < start + this.spikeFor.toMillis()) ? this.spikeFactor : 1;
	}

}
