package dev.ridertrack.tracking.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.SecurityProperties;
import dev.ridertrack.tracking.state.OrderStore;
import dev.ridertrack.tracking.state.OrderViews;
import dev.ridertrack.tracking.state.RiderStore;
import dev.ridertrack.tracking.state.RiderViews;

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
		return ResponseEntity.ok(RiderViews.rider(riderId, fields));
	}

	@GetMapping("/riders/{riderId}/trail")
	ResponseEntity<?> trail(@PathVariable String riderId) {
		return ResponseEntity.ok(Map.of("riderId", riderId, "points", this.riders.trail(riderId)));
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
		return ResponseEntity.ok(Map.of("riders", this.riders.near(lat, lon, radiusM, limit)));
	}

	@GetMapping("/orders/{orderId}")
	ResponseEntity<?> order(@PathVariable String orderId) {
		Map<String, Object> view = this.orderViews.view(orderId, true);
		if (view == null) {
			return notFound("no order " + orderId);
		}
		return ResponseEntity.ok(view);
	}

	/** The newest active orders, each with the customer's link, for the operator. */
	@GetMapping("/orders")
	Map<String, Object> activeOrders(@RequestParam(defaultValue = "30") int limit) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (String orderId : this.orders.active(Math.min(Math.max(limit, 1), 200))) {
			Map<String, String> order = this.orders.order(orderId);
			if (order.isEmpty()) {
				continue;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("orderId", orderId);
			item.put("status", order.get("status"));
			item.put("riderId", order.get("rider"));
			if (order.containsKey("etaSeconds")) {
				// seconds to go as eta-service computed them at computedAt (epoch ms)
				item.put("eta", Map.of("seconds", Double.parseDouble(order.get("etaSeconds")), "computedAt",
						Long.parseLong(order.get("etaComputedAt"))));
			}
			item.put("trackUrl", "/track/" + orderId + "?token=" + this.security.orderTokens().mint(orderId));
			list.add(item);
		}
		return Map.of("active", this.orders.activeCount(), "orders", list);
	}

	/** The customer link of any order, for the operator's search box. */
	@GetMapping("/orders/{orderId}/link")
	Map<String, String> link(@PathVariable String orderId) {
		return Map.of("trackUrl", "/track/" + orderId + "?token=" + this.security.orderTokens().mint(orderId));
	}

	private static ResponseEntity<ProblemDetail> notFound(String detail) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
	}

}
