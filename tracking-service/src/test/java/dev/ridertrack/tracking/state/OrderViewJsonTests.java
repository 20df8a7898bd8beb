package dev.ridertrack.tracking.state;

import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.state.RiderStore.TrailPoint;
import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.rest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rider and order JSON that the dashboard ({@code dashboard.js}) and the customer
 * page ({@code track.js}) read, from the hashes Redis holds.
 */
class OrderViewJsonTests {

	static final Map<String, String> RIDER = Map.of("seq", "7", "pos", "52.52,13.405", "motion", "4.5,90.0,5.0,order-1",
			"at", "1700000000000", "order", "order-1", "state", "to-restaurant");

	static final String RIDER_JSON = """
			{"riderId":"rider-1","seq":7,"lat":52.52,"lon":13.405,"speedMps":4.5,"headingDeg":90.0,
			 "accuracyM":5.0,"recordedAt":1700000000000,"state":"to-restaurant","orderId":"order-1"}""";

	@Test
	void riderHasTheFieldsOfTheDetailPanel() {
		assertThat(rest(RiderView.of("rider-1", RIDER))).isEqualTo(parse(RIDER_JSON));
	}

	@Test
	void riderWithoutAnOrderIsIdleWithANullOrder() {
		Map<String, String> idle = Map.of("seq", "1", "pos", "1.5,-2", "motion", "1,359.5,3,", "at", "1700000002000");
		assertThat(rest(RiderView.of("rider-3", idle))).isEqualTo(parse("""
				{"riderId":"rider-3","seq":1,"lat":1.5,"lon":-2.0,"speedMps":1.0,"headingDeg":359.5,
				 "accuracyM":3.0,"recordedAt":1700000002000,"state":"idle","orderId":null}"""));
	}

	@Test
	void riderTheOrderEventsHaveNotNamedKeepsTheOrderItsPhoneSent() {
		Map<String, String> early = Map.of("seq", "2", "pos", "52.5,13.4", "motion", "3.5,10.0,4.0,order-9,b", "at",
				"1700000003000");
		assertThat(RiderView.of("rider-4", early))
			.isEqualTo(new RiderView("rider-4", 2, 52.5, 13.4, 3.5, 10.0, 4.0, 1700000003000L, "idle", "order-9,b"));
	}

	@Test
	void assignedOrderHasItsStepsPlacesRiderTrailAndEta() {
		Map<String, String> order = Map.of("status", "ASSIGNED", "rank", "1", "createdAt", "1700000000000",
				"assignedAt", "1700000005000", "restaurant", "r1|Pasta Nord|45.47|9.18", "customer",
				"c1|Home|45.46|9.2", "rider", "rider-1", "etaSeconds", "300", "etaRemainingMeters", "1200",
				"etaComputedAt", "1700000006000");
		OrderView view = OrderView.of("order-1", order, RiderView.of("rider-1", RIDER),
				List.of(new TrailPoint(1700000000000L, 52.51, 13.4), new TrailPoint(1700000001000L, 52.52, 13.405)));
		assertThat(rest(view)).isEqualTo(parse("""
				{"orderId":"order-1","status":"ASSIGNED",
				 "steps":{"placed":1700000000000,"assigned":1700000005000,"pickedUp":null,"delivered":null,
				          "cancelled":null},
				 "restaurant":{"id":"r1","name":"Pasta Nord","lat":45.47,"lon":9.18},
				 "customer":{"id":"c1","name":"Home","lat":45.46,"lon":9.2},
				 "riderId":"rider-1","rider":%s,
				 "trail":[{"at":1700000000000,"lat":52.51,"lon":13.4},{"at":1700000001000,"lat":52.52,"lon":13.405}],
				 "eta":{"seconds":300,"remainingMeters":1200,"computedAt":1700000006000}}""".formatted(RIDER_JSON)));
	}

	@Test
	void newOrderLeavesOutTheRiderTrailAndEtaItDoesNotHave() {
		Map<String, String> order = Map.of("status", "CREATED", "rank", "0", "createdAt", "1700000000000", "restaurant",
				"", "customer", "c2|Flat|45.4|9.1");
		assertThat(rest(OrderView.of("order-2", order, null, null))).isEqualTo(parse("""
				{"orderId":"order-2","status":"CREATED",
				 "steps":{"placed":1700000000000,"assigned":null,"pickedUp":null,"delivered":null,"cancelled":null},
				 "restaurant":null,"customer":{"id":"c2","name":"Flat","lat":45.4,"lon":9.1},"riderId":null}"""));
	}

	@Test
	void orderWhoseRiderWentSilentKeepsItsRiderIdAndAnEmptyTrail() {
		Map<String, String> order = Map.of("status", "PICKED_UP", "createdAt", "1700000000000", "picked_upAt",
				"1700000009000", "rider", "rider-gone", "etaSeconds", "60", "etaComputedAt", "1700000006000");
		assertThat(rest(OrderView.of("order-3", order, null, List.of()))).isEqualTo(parse("""
				{"orderId":"order-3","status":"PICKED_UP",
				 "steps":{"placed":1700000000000,"assigned":null,"pickedUp":1700000009000,"delivered":null,
				          "cancelled":null},
				 "restaurant":null,"customer":null,"riderId":"rider-gone","trail":[],
				 "eta":{"seconds":60,"remainingMeters":null,"computedAt":1700000006000}}"""));
	}

}
