package dev.ridertrack.tracking.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.ridertrack.tracking.SecurityProperties;
import dev.ridertrack.tracking.state.OrderStore;
import dev.ridertrack.tracking.state.OrderView;
import dev.ridertrack.tracking.state.OrderViews;
import dev.ridertrack.tracking.state.RiderStore;
import dev.ridertrack.tracking.state.RiderStore.Nearby;
import dev.ridertrack.tracking.state.RiderStore.TrailPoint;
import dev.ridertrack.tracking.state.RiderView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Riders and orders as Redis holds them. Access is checked by the web layer's filter.
 */
@RestController
@RequestMapping("/api/v1")
class TrackingController {

	private final RiderStore riders;

	private final OrderStore orders;

	private final OrderViews orderViews;

	private final SecurityProperties security;

	TrackingController(RiderStore riders, OrderStore orders, OrderViews orderViews, SecurityProperties security) {
		this.riders = riders;
		this.orders = orders;
		this.orderViews = orderViews;
		this.security = security;
	}

	@GetMapping("/riders/{riderId}")
	ResponseEntity<?> rider(@PathVariable String riderId) {
		Map<String, String> fields = this.riders.rider(riderId);
		if (fields.isEmpty()) {
			return notFound("no live rider " + riderId + " (unknown, or silent past the timeout)");
		}
		return ResponseEntity.ok(RiderView.of(riderId, fields));
	}

	@GetMapping("/riders/{riderId}/trail")
	ResponseEntity<?> trail(@PathVariable String riderId) {
		return ResponseEntity.ok(new Trail(riderId, this.riders.trail(riderId)));
	}

	@GetMapping("/riders/near")
	ResponseEntity<?> near(@RequestParam double lat, @RequestParam double lon,
			@RequestParam(defaultValue = "1000") double radiusM, @RequestParam(defaultValue = "100") int limit) {
		if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || radiusM <= 0 || radiusM > 100_000 || limit < 1
				|| limit > 10_000) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"lat must be in [-90, 90], lon in [-180, 180], radiusM in (0, 100000], limit in [1, 10000]");
			return ResponseEntity.badRequest().body(problem);
		}
		return ResponseEntity.ok(new NearbyRiders(this.riders.near(lat, lon, radiusM, limit)));
	}

	@GetMapping("/orders/{orderId}")
	ResponseEntity<?> order(@PathVariable String orderId) {
		OrderView view = this.orderViews.view(orderId, true);
		if (view == null) {
			return notFound("no order " + orderId);
		}
		return ResponseEntity.ok(view);
	}

	/** The newest active orders, each with the customer's link, for the operator. */
	@GetMapping("/orders")
	ActiveOrders activeOrders(@RequestParam(defaultValue = "30") int limit) {
		List<ActiveOrder> list = new ArrayList<>();
		for (String orderId : this.orders.active(Math.min(Math.max(limit, 1), 200))) {
			Map<String, String> order = this.orders.order(orderId);
			if (!order.isEmpty()) {
				list.add(ActiveOrder.of(orderId, order, trackUrl(orderId)));
			}
		}
		return new ActiveOrders(this.orders.activeCount(), list);
	}

	/** The customer link of any order, for the operator's search box. */
	@GetMapping("/orders/{orderId}/link")
	OrderLink link(@PathVariable String orderId) {
		return new OrderLink(trackUrl(orderId));
	}

	private String trackUrl(String orderId) {
		return "/track/" + orderId + "?token=" + this.security.orderTokens().mint(orderId);
	}

	private static ResponseEntity<ProblemDetail> notFound(String detail) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
	}

	/**
	 * A rider's recent positions, for the dashboard's trail.
	 *
	 * @param riderId the rider
	 * @param points oldest first
	 */
	record Trail(String riderId, List<TrailPoint> points) {
	}

	/**
	 * Riders around a point.
	 *
	 * @param riders nearest first
	 */
	record NearbyRiders(List<Nearby> riders) {
	}

	/**
	 * The operator's list of active orders.
	 *
	 * @param active how many orders are active in all
	 * @param orders the newest of them
	 */
	record ActiveOrders(long active, List<ActiveOrder> orders) {
	}

	/**
	 * One row of the active orders.
	 *
	 * @param orderId the order
	 * @param status its status
	 * @param riderId its rider, or {@code null}
	 * @param eta its ETA, left out until eta-service has one
	 * @param trackUrl the customer's page, with its token
	 */
	record ActiveOrder(String orderId, String status, String riderId, @JsonInclude(Include.NON_NULL) Eta eta,
			String trackUrl) {

		static ActiveOrder of(String orderId, Map<String, String> order, String trackUrl) {
			Eta eta = order.containsKey("etaSeconds")
					? new Eta(Double.parseDouble(order.get("etaSeconds")), Long.parseLong(order.get("etaComputedAt")))
					: null;
			return new ActiveOrder(orderId, order.get("status"), order.get("rider"), eta, trackUrl);
		}

		/**
		 * An ETA, counted down by the page.
		 *
		 * @param seconds seconds to go as eta-service computed them at {@code computedAt}
		 * @param computedAt epoch milliseconds
		 */
		record Eta(double seconds, long computedAt) {
		}

	}

	/**
	 * A customer's tracking link.
	 *
	 * @param trackUrl the page, with the order's token
	 */
	record OrderLink(String trackUrl) {
	}

}
