package dev.ridertrack.dbwriter.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ridertrack.dbwriter.history.HistoryController.OrderTrack;
import dev.ridertrack.dbwriter.history.HistoryController.RiderTrack;
import dev.ridertrack.dbwriter.history.HistoryQueries.OrderView;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.rest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history JSON the dashboard's replay ({@code replay.js}, through tracking-service's
 * proxy) reads.
 */
class HistoryJsonTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	static final List<TrackPoint> POINTS = List.of(new TrackPoint(1, T0, 52.5, 13.4, 4.5, "order-1"),
			new TrackPoint(2, T0.plusSeconds(5), 52.5002, 13.4, 4.0, null));

	static final String POINTS_JSON = """
			[{"seq":1,"t":"2026-11-22T10:00:00Z","lat":52.5,"lon":13.4,"speedMps":4.5,"orderId":"order-1"},
			 {"seq":2,"t":"2026-11-22T10:00:05Z","lat":52.5002,"lon":13.4,"speedMps":4.0,"orderId":null}]""";

	static final String STATS_JSON = """
			{"points":2,"distanceMeters":22.2,"durationSeconds":5,"movingSeconds":5,"stops":0,
			 "avgMovingSpeedMps":4.45}""";

	@Test
	void ridersTrackHasItsRangeStatisticsAndPoints() {
		RiderTrack track = new RiderTrack("rider-1", T0, T0.plusSeconds(3600), TripStats.of(POINTS), false, POINTS);
		assertThat(rest(track)).isEqualTo(parse("""
				{"riderId":"rider-1","from":"2026-11-22T10:00:00Z","to":"2026-11-22T11:00:00Z","stats":%s,
				 "truncated":false,"points":%s}""".formatted(STATS_JSON, POINTS_JSON)));
	}

	@Test
	void ordersTrackHasItsLifecycleWithBothPlacesAndWhenEachStatusWasReached() {
		OrderView order = new OrderView("order-1", OrderStatus.PICKED_UP, "rider-1",
				new Place("r-1", "Pizza", 52.5, 13.4), new Place("c-1", "Ada", 52.51, 13.4),
				Map.of(OrderStatus.CREATED, T0, OrderStatus.PICKED_UP, T0.plusSeconds(60)));
		OrderTrack track = new OrderTrack("order-1", order, TripStats.of(POINTS), true, POINTS);
		assertThat(rest(track)).isEqualTo(parse("""
				{"orderId":"order-1",
				 "order":{"orderId":"order-1","status":"PICKED_UP","riderId":"rider-1",
				          "restaurant":{"id":"r-1","name":"Pizza","lat":52.5,"lon":13.4},
				          "customer":{"id":"c-1","name":"Ada","lat":52.51,"lon":13.4},
				          "timestamps":{"CREATED":"2026-11-22T10:00:00Z","PICKED_UP":"2026-11-22T10:01:00Z"}},
				 "stats":%s,"truncated":true,"points":%s}""".formatted(STATS_JSON, POINTS_JSON)));
	}

	@Test
	void ordersTrackWithoutAnOrderDocumentHasANullOrder() {
		OrderTrack track = new OrderTrack("order-2", null, TripStats.of(POINTS), false, POINTS);
		assertThat(rest(track).get("order").isNull()).isTrue();
	}

}
