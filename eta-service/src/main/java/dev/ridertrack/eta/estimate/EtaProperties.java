package dev.ridertrack.eta.estimate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How eta-service estimates and when it publishes.
 *
 * @param detourFactor route length over the Manhattan (L1) distance; 1.0 for riders who
 * keep to a rectangular street grid, more where streets wind
 * @param priorSpeedMps moving speed assumed for a rider not seen before
 * @param priorStopShare share of riding time assumed to be spent stopped (lights,
 * traffic) for a rider not seen before
 * @param speedSmoothing EWMA weight of each moving fix in the rider's moving speed
 * @param stopSmoothing EWMA weight of each fix in the rider's stop share
 * @param stoppedBelowMps a fix slower than this is a stop: it does not pull the moving
 * speed down
 * @param minSpeedMps lower bound of the moving speed used for an estimate
 * @param maxSpeedMps upper bound of the moving speed used for an estimate
 * @param maxStopShare upper bound of the stop share used for an estimate
 * @param expectedPrep the food is expected ready this long after the rider is assigned
 * (the kitchen's head start is already in it); until then a rider at the restaurant waits
 * @param restaurantDwell time at the restaurant once the food is ready: finding the
 * counter, the handover
 * @param minDwellLeft time still expected at the restaurant or the door, however long the
 * rider has already waited there
 * @param customerHandover time from reaching the customer's door to the handover
 * @param arrivalRadiusMeters within this distance of the restaurant or the customer the
 * rider counts as arrived (waiting there is not a traffic stop)
 * @param publishMinChange publish when the estimate moves by at least this...
 * @param publishChangeFraction ...or by at least this fraction of the remaining time,
 * whichever is larger
 * @param publishMaxInterval publish at least this often per order, even without change
 * (the pages count a published ETA down themselves, so this only bounds how old the last
 * one may get; every ten seconds was half as many ETAs as fixes at 100,000 riders)
 */
@ConfigurationProperties("ridertrack.eta")
public record EtaProperties(@DefaultValue("1.0") double detourFactor, @DefaultValue("6.0") double priorSpeedMps,
		@DefaultValue("0.25") double priorStopShare, @DefaultValue("0.1") double speedSmoothing,
		@DefaultValue("0.02") double stopSmoothing, @DefaultValue("0.8") double stoppedBelowMps,
		@DefaultValue("1.5") double minSpeedMps, @DefaultValue("16") double maxSpeedMps,
		@DefaultValue("0.6") double maxStopShare, @DefaultValue("10m") Duration expectedPrep,
		@DefaultValue("45s") Duration restaurantDwell, @DefaultValue("15s") Duration minDwellLeft,
		@DefaultValue("60s") Duration customerHandover, @DefaultValue("60") double arrivalRadiusMeters,
		@DefaultValue("15s") Duration publishMinChange, @DefaultValue("0.1") double publishChangeFraction,
		@DefaultValue("30s") Duration publishMaxInterval) {

	/**
	 * The defaults, as {@code application.yml} would bind them with nothing set.
	 * @return the default settings
	 */
	public static EtaProperties defaults() {
		return new EtaProperties(1.0, 6.0, 0.25, 0.1, 0.02, 0.8, 1.5, 16, 0.6, Duration.ofMinutes(10),
				Duration.ofSeconds(45), Duration.ofSeconds(15), Duration.ofSeconds(60), 60, Duration.ofSeconds(15), 0.1,
				Duration.ofSeconds(30));
	}

}
