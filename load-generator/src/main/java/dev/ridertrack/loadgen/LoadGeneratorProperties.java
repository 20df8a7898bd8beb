package dev.ridertrack.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated city and how its fixes are sent.
 *
 * @param riders how many riders to simulate (the scenario's target)
 * @param autostart start simulating when the application starts; otherwise wait for
 * {@code POST /api/v1/start}
 * @param mode {@code kafka}: straight to the topic; {@code http}: through
 * location-producer, as rider apps do
 * @param interval how often each rider sends a fix
 * @param producerUrl location-producer's base URL, for {@code http} mode
 * @param scenario the load shape to run
 * @param duration run this long, print a summary and exit; {@code null}: run until
 * stopped
 * @param warmup a timed run first runs this long unmeasured (JIT compilation,
 * connections, producer batches filling), then {@code duration} measured: the summary's
 * {@code steadyPerSecond} and latencies are after the warm-up
 * @param city the area the riders ride in
 * @param seed makes a run repeatable
 * @param orderEvery how long an idle rider waits on average before it gets an order
 * @param gpsNoise add realistic GPS error to the fixes (off only for checks)
 * @param httpConcurrency requests in flight at once in {@code http} mode (sent or waiting
 * for a connection); 0: twice the connections
 * @param httpConnections keep-alive connections to location-producer in {@code http}
 * mode; 0: sized for the rate, one per 50 requests/s expected (a request takes ~20 ms), 4
 * to 256
 * @param uploadEvery in {@code http} mode, how many fixes a rider's app collects before
 * it uploads them as one batch (1: every fix at once; phones often buffer a few to save
 * battery and radio time)
 * @param workers threads that step the riders; 0 picks from the CPU count
 * @param groundTruthSize how many delivered orders the ground-truth API keeps
 * @param groundTruthFile also append every delivered order to this JSON-lines file
 */
@ConfigurationProperties("ridertrack.loadgen")
public record LoadGeneratorProperties(@DefaultValue("1000") int riders, @DefaultValue("false") boolean autostart,
		@DefaultValue("kafka") Mode mode, @DefaultValue("5s") Duration interval, URI producerUrl,
		@DefaultValue Scenario scenario, Duration duration, @DefaultValue("0s") Duration warmup,
		@DefaultValue Bbox city, @DefaultValue("42") long seed, @DefaultValue("90s") Duration orderEvery,
		@DefaultValue("true") boolean gpsNoise, @DefaultValue("0") int httpConcurrency,
		@DefaultValue("0") int httpConnections, @DefaultValue("1") int uploadEvery, @DefaultValue("0") int workers,
		@DefaultValue("5000") int groundTruthSize, Path groundTruthFile) {

	/** Where the fixes go. */
	public enum Mode {

		/** Straight to Kafka: the scale mode. */
		KAFKA,

		/** Through location-producer's HTTP API with rider tokens. */
		HTTP

	}

	/**
	 * The load shape.
	 *
	 * @param type steady, ramp or spike
	 * @param ramp how long a ramp takes from 0 to all riders
	 * @param spikeFactor how many times the order and fix rate rise during a spike
	 * @param spikeAfter when the spike starts, from the scenario's start
	 * @param spikeFor how long the spike lasts
	 */
	public record Scenario(@DefaultValue("steady") ScenarioType type, @DefaultValue("60s") Duration ramp,
			@DefaultValue("3") int spikeFactor, @DefaultValue("30s") Duration spikeAfter,
			@DefaultValue("60s") Duration spikeFor) {
	}

	/** The load shapes. */
	public enum ScenarioType {

		/** All riders from the start at the normal rate. */
		STEADY,

		/** Riders join linearly from none to all over the ramp duration. */
		RAMP,

		/** A flash sale: for a while, orders and fixes come N times as often. */
		SPIKE

	}

	/**
	 * The city's bounding box; the default is Mumbai.
	 *
	 * @param latMin southern edge
	 * @param latMax northern edge
	 * @param lonMin western edge
	 * @param lonMax eastern edge
	 */
	public record Bbox(@DefaultValue("18.90") double latMin, @DefaultValue("19.25") double latMax,
			@DefaultValue("72.78") double lonMin, @DefaultValue("72.98") double lonMax) {
	}

}
