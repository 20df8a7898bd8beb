package dev.ridertrack.loadgen.city;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.ridertrack.events.Geo;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.Place;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Bbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hours of simulated city, driven by a fake clock: every rider stepped once a simulated
 * second.
 */
class FleetTests {

	static final Bbox MUMBAI = new Bbox(18.90, 19.25, 72.78, 72.98);

	/** Lunch time in Mumbai, so orders come in at a good rate. */
	static final long START = Instant.parse("2026-11-22T07:00:00Z").toEpochMilli();

	@Test
	void ridersMoveAtPlausibleSpeedsAlongTheStreetsInsideTheCity() {
		City city = new City(MUMBAI, 7);
		Checks checks = new Checks(city);
		simulate(city, 200, Duration.ofHours(1), Duration.ofSeconds(1), false, checks);
		assertThat(checks.fixes).isEqualTo(200L * 3600);
		assertThat(checks.maxImpliedSpeed).isLessThanOrEqualTo(12.1);
		assertThat(checks.maxReportedSpeed).isLessThanOrEqualTo(12.0);
		assertThat(checks.offGrid).isZero();
		assertThat(checks.outsideBox).isZero();
		assertThat(checks.seqGaps).isZero();
		// Riders really ride, and not all alike: per-rider, street and traffic variation.
		assertThat(checks.movingFixes).isGreaterThan(checks.fixes / 5);
		assertThat(checks.movingSpeedSum / checks.movingFixes).isBetween(4.0, 10.0);
		assertThat(checks.fastFixes).isPositive();
		assertThat(checks.slowFixes).isPositive();
	}

	@Test
	void ordersGoFromCreatedToDeliveredInOrderWithPickupAtTheRestaurantAndDeliveryAtTheDoor() {
		City city = new City(MUMBAI, 11);
		Checks checks = new Checks(city);
		simulate(city, 200, Duration.ofHours(2), Duration.ofSeconds(1), false, checks);
		assertThat(checks.delivered).hasSizeGreaterThan(100);
		Map<String, List<OrderStatus>> lives = new HashMap<>();
		checks.events.forEach((e) -> lives.computeIfAbsent(e.orderId(), (k) -> new ArrayList<>()).add(e.status()));
		List<OrderStatus> full = List.of(OrderStatus.CREATED, OrderStatus.ASSIGNED, OrderStatus.PICKED_UP,
				OrderStatus.DELIVERED);
		List<OrderStatus> cancelled = List.of(OrderStatus.CREATED, OrderStatus.ASSIGNED, OrderStatus.CANCELLED);
		lives.values()
			.forEach((life) -> assertThat(full.subList(0, Math.min(life.size(), 4)).equals(life)
					|| cancelled.equals(life) || cancelled.subList(0, 2).equals(life))
				.as("order life %s", life)
				.isTrue());
		assertThat(checks.pickupDistances).isNotEmpty().allSatisfy((d) -> assertThat(d).isLessThan(1.0));
		assertThat(checks.dropDistances).isNotEmpty().allSatisfy((d) -> assertThat(d).isLessThan(1.0));
		assertThat(checks.fixesWithWrongOrder).isZero();
		for (DeliveredOrder order : checks.delivered) {
			assertThat(order.createdAt()).isBefore(order.assignedAt());
			assertThat(order.assignedAt()).isBeforeOrEqualTo(order.arrivedAtRestaurantAt());
			assertThat(order.arrivedAtRestaurantAt()).isBefore(order.pickedUpAt());
			assertThat(order.pickedUpAt()).isBefore(order.arrivedAtCustomerAt());
			assertThat(order.arrivedAtCustomerAt()).isBefore(order.deliveredAt());
			OrderEvent created = checks.createdEvents.get(order.orderId());
			Place r = created.restaurant();
			Place c = created.customer();
			double manhattan = Geo.distanceMeters(r.lat(), r.lon(), r.lat(), c.lon())
					+ Geo.distanceMeters(r.lat(), c.lon(), c.lat(), c.lon());
			assertThat(order.toCustomerMeters()).isCloseTo(manhattan, within(manhattan * 0.01 + 1));
			double minutes = order.deliverySeconds() / 60;
			assertThat(minutes).isBetween(0.5, 60.0);
		}
	}

	@Test
	void gpsNoiseLooksLikeAPhoneAndStaysInTheCity() {
		City city = new City(MUMBAI, 3);
		Checks checks = new Checks(city);
		simulate(city, 100, Duration.ofMinutes(30), Duration.ofSeconds(5), true, checks);
		assertThat(checks.outsideBox).isZero();
		assertThat(checks.offGrid).isGreaterThan(checks.fixes / 2);
		// seven decimals, as a phone sends them: the JSON every service reads stays short
		assertThat(checks.maxPositionDecimals).isEqualTo(7);
		assertThat(checks.maxOffGridMeters).isLessThan(60);
		assertThat(checks.minAccuracy).isGreaterThanOrEqualTo(3);
		assertThat(checks.maxAccuracy).isLessThanOrEqualTo(15);
		assertThat(checks.seqGaps).isZero();
	}

	@Test
	void riderIdsArePaddedToSixDigits() {
		assertThat(Fleet.riderIdOf(0)).isEqualTo("rider-000001");
		assertThat(Fleet.riderIdOf(41)).isEqualTo("rider-000042");
		assertThat(Fleet.riderIdOf(1_234_566)).isEqualTo("rider-1234567");
	}

	static Fleet simulate(City city, int riders, Duration length, Duration step, boolean noise,
			FleetListener listener) {
		Fleet fleet = new Fleet(city, riders, Duration.ofSeconds(60), noise);
		SplittableRandom random = new SplittableRandom(1);
		for (long t = START; t < START + length.toMillis(); t += step.toMillis()) {
			for (int i = 0; i < riders; i++) {
				fleet.step(i, t, random, 1, listener);
			}
		}
		return fleet;
	}

	static final class Checks implements FleetListener {

		final City city;

		final Map<String, RiderLocation> last = new HashMap<>();

		final Map<String, OrderEvent> pendingEvent = new HashMap<>();

		final Map<String, String> carrying = new HashMap<>();

		final Map<String, OrderEvent> createdEvents = new HashMap<>();

		final List<OrderEvent> events = new ArrayList<>();

		final List<DeliveredOrder> delivered = new ArrayList<>();

		final List<Double> pickupDistances = new ArrayList<>();

		final List<Double> dropDistances = new ArrayList<>();

		long fixes;

		long movingFixes;

		double movingSpeedSum;

		long fastFixes;

		long slowFixes;

		double maxImpliedSpeed;

		double maxReportedSpeed;

		long offGrid;

		double maxOffGridMeters;

		long outsideBox;

		long seqGaps;

		long fixesWithWrongOrder;

		double minAccuracy = Double.MAX_VALUE;

		double maxAccuracy;

		int maxPositionDecimals;

		Checks(City city) {
			this.city = city;
		}

		@Override
		public void fix(int rider, RiderLocation fix) {
			this.fixes++;
			for (double degrees : new double[] { fix.lat(), fix.lon() }) {
				String text = Double.toString(degrees);
				this.maxPositionDecimals = Math.max(this.maxPositionDecimals, text.length() - text.indexOf('.') - 1);
			}
			RiderLocation previous = this.last.put(fix.riderId(), fix);
			if (previous != null) {
				if (fix.seq() != previous.seq() + 1) {
					this.seqGaps++;
				}
				double seconds = (fix.recordedAt().toEpochMilli() - previous.recordedAt().toEpochMilli()) / 1000.0;
				double implied = Geo.distanceMeters(previous.lat(), previous.lon(), fix.lat(), fix.lon()) / seconds;
				this.maxImpliedSpeed = Math.max(this.maxImpliedSpeed, implied);
			}
			else if (fix.seq() != 1) {
				this.seqGaps++;
			}
			this.maxReportedSpeed = Math.max(this.maxReportedSpeed, fix.speedMps());
			if (fix.speedMps() > 0.5) {
				this.movingFixes++;
				this.movingSpeedSum += fix.speedMps();
				this.fastFixes += (fix.speedMps() > 9) ? 1 : 0;
				this.slowFixes += (fix.speedMps() < 5) ? 1 : 0;
			}
			double y = (fix.lat() - FleetTests.MUMBAI.latMin()) * this.city.metresPerDegreeLat();
			double x = (fix.lon() - FleetTests.MUMBAI.lonMin()) * this.city.metresPerDegreeLon();
			double off = Math.min(offLine(x), offLine(y));
			if (off > 0.01) {
				this.offGrid++;
				this.maxOffGridMeters = Math.max(this.maxOffGridMeters, off);
			}
			if (fix.lat() < MUMBAI.latMin() || fix.lat() > MUMBAI.latMax() || fix.lon() < MUMBAI.lonMin()
					|| fix.lon() > MUMBAI.lonMax()) {
				this.outsideBox++;
			}
			this.minAccuracy = Math.min(this.minAccuracy, fix.accuracyM());
			this.maxAccuracy = Math.max(this.maxAccuracy, fix.accuracyM());
			String expectedOrder = this.carrying.get(fix.riderId());
			if ((expectedOrder == null) != (fix.orderId() == null)
					|| (expectedOrder != null && !expectedOrder.equals(fix.orderId()))) {
				this.fixesWithWrongOrder++;
			}
			OrderEvent event = this.pendingEvent.remove(fix.riderId());
			if (event != null && event.status() == OrderStatus.PICKED_UP) {
				this.pickupDistances
					.add(Geo.distanceMeters(fix.lat(), fix.lon(), event.restaurant().lat(), event.restaurant().lon()));
			}
			if (event != null && event.status() == OrderStatus.DELIVERED) {
				this.dropDistances
					.add(Geo.distanceMeters(fix.lat(), fix.lon(), event.customer().lat(), event.customer().lon()));
			}
		}

		private static double offLine(double v) {
			return Math.abs(v - Math.rint(v / City.BLOCK_M) * City.BLOCK_M);
		}

		@Override
		public void order(OrderEvent event) {
			this.events.add(event);
			switch (event.status()) {
				case CREATED -> this.createdEvents.put(event.orderId(), event);
				case ASSIGNED -> this.carrying.put(event.riderId(), event.orderId());
				case DELIVERED, CANCELLED -> this.carrying.remove(event.riderId());
				default -> {
				}
			}
			if (event.riderId() != null) {
				this.pendingEvent.put(event.riderId(), event);
			}
		}

		@Override
		public void delivered(DeliveredOrder order) {
			this.delivered.add(order);
		}

	}

}
