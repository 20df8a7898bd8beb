package dev.ridertrack.dbwriter.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ridertrack.dbwriter.history.HistoryQueries.OrderView;
import dev.ridertrack.dbwriter.history.HistoryQueries.Track;
import dev.ridertrack.dbwriter.store.HistoryProperties;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tracks for the dashboard's replay: the statistics cover every stored fix, the points
 * are thinned to {@code maxPoints} for drawing.
 */
@RestController
@RequestMapping("/api/v1/history")
class HistoryController {

	private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

	private final HistoryQueries queries;

	private final HistoryProperties properties;

	HistoryController(HistoryQueries queries, HistoryProperties properties) {
		this.queries = queries;
		this.properties = properties;
	}

	/**
	 * A rider's track in {@code [from, to)}; {@code to} defaults to now, {@code from} to
	 * an hour before {@code to}.
	 */
	@GetMapping("/riders/{riderId}")
	RiderTrack rider(@PathVariable String riderId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(required = false) Integer maxPoints) {
		Instant end = (to != null) ? to : Instant.now();
		Instant start = (from != null) ? from : end.minus(DEFAULT_WINDOW);
		if (!start.isBefore(end)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must be before 'to'");
		}
		int limit = maxPoints(maxPoints);
		Track track = this.queries.riderTrack(riderId, start, end);
		return new RiderTrack(riderId, start, end, TripStats.of(track.points()), track.truncated(),
				Downsampling.everyKth(track.points(), limit));
	}

	/**
	 * How many fixes are stored, for the lessons that compare documents with the records
	 * on the topic (a crash, the database away, a replay).
	 */
	@GetMapping("/count")
	FixCount count() {
		return new FixCount(this.queries.countFixes(), Instant.now());
	}

	/**
	 * The history's size.
	 *
	 * @param fixes documents in the fixes collection (one per distinct fix id)
	 * @param countedAt when they were counted
	 */
	record FixCount(long fixes, Instant countedAt) {
	}

	/** An order's track from assignment to delivery, with its lifecycle. */
	@GetMapping("/orders/{orderId}")
	OrderTrack order(@PathVariable String orderId, @RequestParam(required = false) Integer maxPoints) {
		int limit = maxPoints(maxPoints);
		Track track = this.queries.orderTrack(orderId);
		OrderView order = this.queries.order(orderId).orElse(null);
		if (order == null && track.points().isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no history for order " + orderId);
		}
		return new OrderTrack(orderId, order, TripStats.of(track.points()), track.truncated(),
				Downsampling.everyKth(track.points(), limit));
	}

	private int maxPoints(Integer requested) {
		int value = (requested != null) ? requested : this.properties.defaultMaxPoints();
		if (value < 2) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'maxPoints' must be at least 2");
		}
		return value;
	}

	record RiderTrack(String riderId, Instant from, Instant to, TripStats stats, boolean truncated,
			List<TrackPoint> points) {
	}

	record OrderTrack(String orderId, OrderView order, TripStats stats, boolean truncated, List<TrackPoint> points) {
	}

}
