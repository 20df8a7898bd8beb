package dev.ridertrack.tracking.live;

import java.io.IOException;
import java.time.Clock;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.tracking.state.OrderView;
import dev.ridertrack.tracking.state.OrderViews;

import org.springframework.web.socket.TextMessage;

/**
 * What the live push sends a customer page, a session watching one order: the order as
 * Redis holds it. The live feed reads the order's events and ETAs before tracking's group
 * has written them to Redis, or after, as each runs in its own time. So the newest ETA
 * the feed read wins over an older one in Redis, and after an order event the page waits
 * until Redis shows it rather than send the order as it was before.
 */
final class OrderPages {

	/**
	 * How long an order page waits for Redis to show an order event the live feed read,
	 * before it sends what Redis has (tracking's group may be behind, or down).
	 */
	private static final long AWAIT_REDIS_MILLIS = 5_000;

	private final OrderViews orders;

	private final Clock clock;

	OrderPages(OrderViews orders, Clock clock) {
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * The live feed read an event or an ETA of the session's order: its next tick sends
	 * the order.
	 * @param session a session watching the order
	 * @param status the event's status, or {@code null} for an ETA
	 * @param eta the ETA, or {@code null} for an event
	 */
	void changed(LiveSession session, OrderStatus status, EtaUpdate eta) {
		if (eta != null && eta.computedAt() != null
				&& (session.eta == null || !eta.computedAt().isBefore(session.eta.computedAt()))) {
			session.eta = eta;
		}
		if (status != null) {
			session.awaitedSince = this.clock.millis();
			session.awaitedStatus = status;
		}
		session.orderChanged = true;
	}

	/**
	 * Sends the session its order, unless Redis does not show the event the live feed
	 * read yet: then the session asks again at its next tick, for up to
	 * {@value #AWAIT_REDIS_MILLIS} ms.
	 * @param session a session watching an order
	 * @throws IOException if the socket write fails
	 */
	void send(LiveSession session) throws IOException {
		OrderView view = this.orders.view(session.wanted.orderId(), false);
		OrderStatus awaited = session.awaitedStatus;
		if (awaited != null) {
			if (view == null || !reached(view.status(), awaited)) {
				if (this.clock.millis() - session.awaitedSince < AWAIT_REDIS_MILLIS) {
					session.orderChanged = true;
					return;
				}
			}
			session.awaitedStatus = null;
		}
		OrderMessage message = OrderMessage.of(view, session.eta);
		String riderId = (message.order() != null) ? message.order().riderId() : null;
		if (riderId != null && !riderId.equals(session.orderRider)) {
			// a (new) rider for this order: send its position whatever its version
			session.orderRider = riderId;
			session.lastVersion = 0;
		}
		session.socket.sendMessage(new TextMessage(EventJson.mapper().writeValueAsString(message)));
	}

	/**
	 * Whether an order in Redis shows a status, or one after it (the group that writes
	 * Redis can be ahead of the live feed too).
	 */
	private static boolean reached(String status, OrderStatus awaited) {
		if (status == null) {
			return false;
		}
		try {
			OrderStatus now = OrderStatus.valueOf(status);
			return now.isFinal() || now.ordinal() >= awaited.ordinal();
		}
		catch (IllegalArgumentException ex) {
			// a status this version does not know: newer than any it does
			return true;
		}
	}

	/**
	 * The customer page's {@code order} message: the order as REST serves it, without the
	 * trail (the page draws the rider's path from the frames).
	 *
	 * @param type always {@code order}
	 * @param order the order, or {@code null} when it is unknown
	 */
	record OrderMessage(String type, OrderView order) {

		/**
		 * The message for an order and the newest ETA the live feed has read.
		 * @param order the order as Redis holds it, or {@code null}
		 * @param eta the feed's newest ETA for it, or {@code null}
		 * @return the message
		 */
		static OrderMessage of(OrderView order, EtaUpdate eta) {
			if (order != null && eta != null && newer(eta, order.eta())) {
				// The live feed reads eta-updates before the tracking group's listener
				// has stored it in Redis: reading Redis alone lost that race every time,
				// so the page showed "calculating…" until a reload. The ETA in hand wins
				// if newer.
				order = order.withEta(new OrderView.Eta(eta.etaSeconds(), Math.round(eta.remainingMeters()),
						eta.computedAt().toEpochMilli()));
			}
			return new OrderMessage("order", order);
		}

		private static boolean newer(EtaUpdate eta, OrderView.Eta stored) {
			return stored == null || stored.computedAt() == null
					|| eta.computedAt().toEpochMilli() > stored.computedAt();
		}

	}

}
