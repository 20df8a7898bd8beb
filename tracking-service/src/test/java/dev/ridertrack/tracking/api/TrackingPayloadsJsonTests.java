package dev.ridertrack.tracking.api;

import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.api.TrackingController.ActiveOrder;
import dev.ridertrack.tracking.api.TrackingController.ActiveOrders;
import dev.ridertrack.tracking.api.TrackingController.NearbyRiders;
import dev.ridertrack.tracking.api.TrackingController.OrderLink;
import dev.ridertrack.tracking.api.TrackingController.Trail;
import dev.ridertrack.tracking.state.RiderStore.Nearby;
import dev.ridertrack.tracking.state.RiderStore.TrailPoint;
import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.rest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of the dashboard's rider trail, active orders and customer links
 * ({@code dashboard.js}).
 */
class TrackingPayloadsJsonTests {

	@Test
	void activeOrdersCarryTheirEtaOnlyOnceEtaServiceHasOne() {
		ActiveOrder withEta = ActiveOrder.of("order-1", Map.of("status", "ASSIGNED", "rider", "rider-1", "etaSeconds",
				"300", "etaRemainingMeters", "1200", "etaComputedAt", "1700000006000"), "/track/order-1?token=t1");
		ActiveOrder waiting = ActiveOrder.of("order-2", Map.of("status", "CREATED"), "/track/order-2?token=t2");
		assertThat(rest(new ActiveOrders(3, List.of(withEta, waiting)))).isEqualTo(parse("""
				{"active":3,"orders":[
				 {"orderId":"order-1","status":"ASSIGNED","riderId":"rider-1",
				  "eta":{"seconds":300.0,"computedAt":1700000006000},"trackUrl":"/track/order-1?token=t1"},
				 {"orderId":"order-2","status":"CREATED","riderId":null,"trackUrl":"/track/order-2?token=t2"}]}"""));
	}

	@Test
	void trailIsTheRidersPointsOldestFirst() {
		assertThat(rest(new Trail("rider-1", List.of(new TrailPoint(1700000000000L, 52.51, 13.4))))).isEqualTo(parse("""
				{"riderId":"rider-1","points":[{"at":1700000000000,"lat":52.51,"lon":13.4}]}"""));
	}

	@Test
	void nearbyRidersAndTheCustomerLink() {
		assertThat(rest(new NearbyRiders(List.of(new Nearby("rider-1", 52.52, 13.405, 0.2))))).isEqualTo(parse("""
				{"riders":[{"riderId":"rider-1","lat":52.52,"lon":13.405,"distanceM":0.2}]}"""));
		assertThat(rest(new OrderLink("/track/order-1?token=t1"))).isEqualTo(parse("""
				{"trackUrl":"/track/order-1?token=t1"}"""));
	}

}
