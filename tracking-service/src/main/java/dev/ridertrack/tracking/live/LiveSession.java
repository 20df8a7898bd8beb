package dev.ridertrack.tracking.live;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.OrderStatus;

import org.springframework.web.socket.WebSocketSession;

/**
 * A browser's push state. Only the sender that holds {@link #busy} touches the bitsets
 * and the version, so there is at most one frame in flight per session; while one is,
 * changes pile up as "newer version" marks on the riders, not as queued frames.
 */
final class LiveSession {

	final WebSocketSession socket;

	final boolean operator;

	final AtomicBoolean busy = new AtomicBoolean();

	/** Riders whose id this client has had in a dictionary. */
	final BitSet known = new BitSet();

	/** Riders this client currently draws. */
	final BitSet visible = new BitSet();

	final FrameEncoder encoder = new FrameEncoder();

	long lastVersion;

	/** The density grid while the viewport is zoomed out, {@code null} showing riders. */
	DensityGrid grid;

	/** When the last density frame was built (epoch ms). */
	long densityAt;

	Subscription applied = Subscription.NOTHING;

	volatile Subscription wanted = Subscription.NOTHING;

	/** The rider of the watched order, for order sessions. */
	volatile String orderRider;

	volatile boolean orderChanged;

	/**
	 * The status of the newest order event the live feed read for the watched order,
	 * until the order in Redis shows it: tracking's group writes it there, in its own
	 * time, so the feed can read an event before Redis has it.
	 */
	volatile OrderStatus awaitedStatus;

	/** When the live feed read {@link #awaitedStatus} (epoch ms). */
	volatile long awaitedSince;

	/** The newest ETA the live feed read for the watched order. */
	volatile EtaUpdate eta;

	volatile String pendingText;

	LiveSession(WebSocketSession socket, boolean operator) {
		this.socket = socket;
		this.operator = operator;
	}

}
