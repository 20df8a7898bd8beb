package dev.ridertrack.eta.estimate;

import java.time.Instant;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.testsupport.TopologyFixture;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EtaTopologyTests {

	static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

	// Restaurant and customer 1 km apart on a north-south street.
	static final Place RESTAURANT = new Place("r-1", "Dosa Corner", TripSimulator.lat(0), TripSimulator.lon(0));

	static final Place CUSTOMER = new Place("c-1", "Flat 12", TripSimulator.lat(1000), TripSimulator.lon(0));

	TopologyFixture topology;

	TopologyTestDriver driver;

	TestInputTopic<String, OrderEvent> orders;

	TestInputTopic<String, RiderLocation> fixes;

	TestOutputTopic<String, EtaUpdate> updates;

	@BeforeEach
	void startTopology() throws Exception {
		this.topology = TopologyFixture.start("eta", (builder) -> EtaTopology.build(builder, EtaProperties.defaults()),
				T0);
		this.driver = this.topology.driver();
		this.orders = this.topology.input(Topics.ORDER_EVENTS);
		this.fixes = this.topology.input(Topics.RIDER_LOCATIONS);
		this.updates = this.topology.output(Topics.ETA_UPDATES);
	}

	@AfterEach
	void closeTopology() {
		this.topology.close();
	}

	@Test
	void fixOfRiderOnOrderYieldsEtaForTheOrder() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		fix("rider-000001", 1, "order-1", -500, 6.0, 2);

		EtaUpdate update = this.updates.readValue();
		assertThat(update.orderId()).isEqualTo("order-1");
		assertThat(update.riderId()).isEqualTo("rider-000001");
		assertThat(update.basedOnSeq()).isEqualTo(1);
		// 500 m to the restaurant, then 1,000 m to the customer.
		assertThat(update.remainingMeters()).isCloseTo(1500, org.assertj.core.data.Offset.offset(5.0));
		// Not picked up: the food is expected 10 min after assignment.
		assertThat(update.etaSeconds()).isGreaterThan(600);
		assertThat(this.updates.isEmpty()).isTrue();
	}

	@Test
	void fixOfIdleRiderYieldsNothing() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		fix("rider-000002", 1, null, 0, 6.0, 2);

		assertThat(this.updates.isEmpty()).isTrue();
	}

	@Test
	void pickedUpOrderCountsOnlyTheRideToTheCustomer() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		fix("rider-000001", 1, "order-1", 100, 6.0, 302);

		EtaUpdate update = this.updates.readValue();
		assertThat(update.remainingMeters()).isCloseTo(900, org.assertj.core.data.Offset.offset(5.0));
		// 900 m at 6 m/s less a quarter stopped, plus a minute at the door.
		assertThat(update.etaSeconds()).isBetween(250L, 270L);
	}

	@Test
	void smallMovesDoNotPublishButTheMaxIntervalDoes() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		// Riding north at 6 m/s, a fix every 2 s: the estimate counts down as published.
		for (int i = 0; i <= 15; i++) {
			fix("rider-000001", i + 1, "order-1", 12 * i, 6.0, 300 + 2 * i);
		}

		assertThat(this.updates.readValuesToList()).extracting(EtaUpdate::basedOnSeq)
			.as("first fix, then 30 s later (seq 16) and nothing in between")
			.containsExactly(1L, 16L);
	}

	@Test
	void theRidersStateIsStoredWhenAnEstimateIsPublishedNotForEveryFix() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		for (int i = 0; i < 10; i++) {
			fix("rider-000001", i + 1, "order-1", 12 * i, 6.0, 300 + 2 * i);
		}
		assertThat(riderState("rider-000001").lastSeq()).as("as the published estimate of seq 1 left it").isEqualTo(1);
		for (int i = 10; i <= 15; i++) {
			fix("rider-000001", i + 1, "order-1", 12 * i, 6.0, 300 + 2 * i);
		}

		assertThat(this.updates.readValuesToList()).extracting(EtaUpdate::basedOnSeq).containsExactly(1L, 16L);
		assertThat(riderState("rider-000001").lastSeq()).isEqualTo(16);
	}

	@Test
	void anArrivalIsStoredAtOnceEvenWithoutAnEstimate() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		fix("rider-000001", 1, "order-1", 900, 4.5, 300);
		// 40 m from the door: arrived, and the estimate moves less than the threshold
		fix("rider-000001", 2, "order-1", 960, 4.5, 302);

		assertThat(this.updates.readValuesToList()).extracting(EtaUpdate::basedOnSeq).containsExactly(1L);
		RiderEta stored = riderState("rider-000001");
		assertThat(stored.arrivedAtCustomerMs()).isEqualTo(T0.plusSeconds(302).toEpochMilli());
		assertThat(stored.lastSeq()).isEqualTo(2);
	}

	@Test
	void bigChangePublishesAtOnce() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		fix("rider-000001", 1, "order-1", 0, 6.0, 300);
		// Two seconds later the rider is 600 m further away: a wrong turn.
		fix("rider-000001", 2, "order-1", -600, 6.0, 302);

		assertThat(this.updates.readValuesToList()).extracting(EtaUpdate::basedOnSeq).containsExactly(1L, 2L);
	}

	@Test
	void redeliveredFixIsNotEstimatedTwice() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		fix("rider-000001", 5, "order-1", -500, 6.0, 20);
		fix("rider-000001", 5, "order-1", -500, 6.0, 20);
		fix("rider-000001", 4, "order-1", -520, 6.0, 18);

		assertThat(this.updates.readValuesToList()).hasSize(1);
		assertThat(riderState("rider-000001").lastSeq()).isEqualTo(5);
	}

	@Test
	void deliveredOrderIsForgottenAndLaterFixesYieldNothing() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		order("order-1", "rider-000001", OrderStatus.PICKED_UP, 300);
		fix("rider-000001", 1, "order-1", 980, 6.0, 500);
		order("order-1", "rider-000001", OrderStatus.DELIVERED, 560);
		this.updates.readValuesToList();

		fix("rider-000001", 2, null, 980, 0.0, 600);

		assertThat(this.updates.isEmpty()).isTrue();
		KeyValueStore<String, ValueAndTimestamp<ActiveOrder>> active = this.driver
			.getTimestampedKeyValueStore(EtaTopology.ACTIVE_ORDERS_STORE);
		assertThat(active.get("rider-000001")).isNull();
		RiderEta state = riderState("rider-000001");
		assertThat(state.orderId()).isNull();
		assertThat(state.publishedAtMs()).isNull();
		assertThat(state.movingSpeedMps()).as("the learnt speed stays with the rider").isGreaterThan(0);
	}

	@Test
	void cancelledOrderIsForgotten() {
		order("order-1", "rider-000001", OrderStatus.ASSIGNED, 0);
		fix("rider-000001", 1, "order-1", -500, 6.0, 10);
		order("order-1", "rider-000001", OrderStatus.CANCELLED, 60);
		this.updates.readValuesToList();

		fix("rider-000001", 2, null, -450, 6.0, 70);

		assertThat(this.updates.isEmpty()).isTrue();
		assertThat(riderState("rider-000001").orderId()).isNull();
	}

	@Test
	void nextOrderOfTheRiderSurvivesTheLateEndOfThePreviousOne() {
		order("order-2", "rider-000001", OrderStatus.ASSIGNED, 600);
		// order-1's DELIVERED arrives after order-2's assignment (another partition).
		order("order-1", "rider-000001", OrderStatus.DELIVERED, 590);
		fix("rider-000001", 1, "order-2", -500, 6.0, 610);

		assertThat(this.updates.readValue().orderId()).isEqualTo("order-2");
	}

	private RiderEta riderState(String riderId) {
		KeyValueStore<String, RiderEta> store = this.driver.getKeyValueStore(EtaTopology.RIDER_STATE_STORE);
		return store.get(riderId);
	}

	private void order(String orderId, String riderId, OrderStatus status, long second) {
		Instant at = T0.plusSeconds(second);
		this.orders.pipeInput(orderId, new OrderEvent(orderId, riderId, status, RESTAURANT, CUSTOMER, at), at);
	}

	/** A fix {@code northMeters} north of the restaurant. */
	private void fix(String riderId, long seq, String orderId, double northMeters, double speed, long second) {
		Instant at = T0.plusSeconds(second);
		this.fixes.pipeInput(riderId, new RiderLocation(riderId, seq, orderId, TripSimulator.lat(northMeters),
				TripSimulator.lon(0), speed, 0, 5, at), at);
	}

}
