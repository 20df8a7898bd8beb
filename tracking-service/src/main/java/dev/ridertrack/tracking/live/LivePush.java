package dev.ridertrack.tracking.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.tracking.TrackingProperties;
import dev.ridertrack.tracking.live.LiveView.Slot;
import dev.ridertrack.tracking.state.OrderView;
import dev.ridertrack.tracking.state.OrderViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

/**
 * The tick: every {@code tick} each session that has no frame in flight gets one frame
 * with what changed in its subscription since its last frame. A session still sending
 * skips the tick and catches up on the next (merge, never queue).
 */
@Component
class LivePush implements SmartLifecycle, LiveFeed.OrderListener {

	private static final Logger log = LoggerFactory.getLogger(LivePush.class);

	/**
	 * How long an order page waits for Redis to show an order event the live feed read,
	 * before it sends what Redis has (tracking's group may be behind, or down).
	 */
	private static final long AWAIT_REDIS_MILLIS = 5_000;

	private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

	private final LiveView view;

	private final OrderViews orders;

	private final TrackingProperties properties;

	private final Clock clock;

	// one task per session at most (the busy flag), so this pool is bounded by the
	// sessions
	private final ExecutorService senders = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "live-send");
		thread.setDaemon(true);
		return thread;
	});

	private final LongAdder framesSent = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder ticksSkipped = new LongAdder();

	private ScheduledExecutorService ticker;

	/** The tick, scheduled only while a session is open. */
	private final DemandTick ticking;

	private volatile String stats = "{}";

	private long lastFixes;

	private long lastStatsAt;

	private final LatencyStages stages;

	private final LiveFeed feed;

	LivePush(LiveView view, LiveFeed feed, OrderViews orders, TrackingProperties properties, Clock clock,
			LatencyStages stages) {
		this.view = view;
		this.stages = stages;
		this.orders = orders;
		this.properties = properties;
		this.clock = clock;
		this.feed = feed;
		this.ticking = new DemandTick(this::tick, properties.tick().toMillis());
		feed.addOrderListener(this);
		feed.watchedBy(this.sessions::size);
	}

	void add(LiveSession session) {
		this.sessions.put(session.socket.getId(), session);
		this.ticking.wanted();
		this.feed.wake();
	}

	LiveSession session(String id) {
		return this.sessions.get(id);
	}

	void remove(String id) {
		this.sessions.remove(id);
	}

	@Override
	public void orderChanged(String orderId, OrderStatus status, EtaUpdate eta) {
		for (LiveSession session : this.sessions.values()) {
			if (orderId.equals(session.wanted.orderId())) {
				if (eta != null && eta.computedAt() != null
						&& (session.eta == null || !eta.computedAt().isBefore(session.eta.computedAt()))) {
					session.eta = eta;
				}
				if (status != null) {
					session.awaitedSince = this.clock.millis();
					session.awaitedStatus = status.name();
				}
				session.orderChanged = true;
			}
		}
	}

	@Override
	public void start() {
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "live-tick");
			thread.setDaemon(true);
			return thread;
		});
		this.ticker.scheduleAtFixedRate(this::stats, 1, 1, TimeUnit.SECONDS);
		this.ticking.runOn(this.ticker);
		if (!this.sessions.isEmpty()) {
			this.ticking.wanted();
		}
	}

	/**
	 * Whether the tick is scheduled.
	 * @return {@code true} while a session is open, and until the tick after the last one
	 * closed
	 */
	boolean ticking() {
		return this.ticking.running();
	}

	@Override
	public void stop() {
		this.ticking.runOn(null);
		this.ticker.shutdownNow();
		this.senders.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null && !this.ticker.isShutdown();
	}

	private void tick() {
		for (LiveSession session : this.sessions.values()) {
			if (!session.socket.isOpen()) {
				this.sessions.remove(session.socket.getId());
				continue;
			}
			if (session.busy.compareAndSet(false, true)) {
				this.senders.execute(() -> send(session));
			}
			else {
				this.ticksSkipped.increment();
			}
		}
		this.ticking.stopIf(this.sessions::isEmpty);
	}

	private void send(LiveSession session) {
		try {
			String text = session.pendingText;
			if (text != null) {
				session.pendingText = null;
				session.socket.sendMessage(new TextMessage(text));
			}
			if (session.orderChanged && session.wanted.orderId() != null) {
				session.orderChanged = false;
				sendOrder(session);
			}
			ByteBuffer frame = frame(session);
			if (frame != null) {
				int bytes = frame.remaining();
				long started = System.nanoTime();
				session.socket.sendMessage(new BinaryMessage(frame, true));
				this.stages.write((System.nanoTime() - started) / 1_000_000);
				this.framesSent.increment();
				this.bytesSent.add(bytes);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("dropping WebSocket session {}: {}", session.socket.getId(), ex.toString());
			this.sessions.remove(session.socket.getId());
			try {
				session.socket.close();
			}
			catch (IOException ignored) {
				// already gone
			}
		}
		finally {
			session.busy.set(false);
		}
	}

	void sendOrder(LiveSession session) throws IOException {
		OrderView view = this.orders.view(session.wanted.orderId(), false);
		String awaited = session.awaitedStatus;
		if (awaited != null) {
			if (view != null && reached(view.status(), awaited)) {
				session.awaitedStatus = null;
			}
			else if (this.clock.millis() - session.awaitedSince < AWAIT_REDIS_MILLIS) {
				// Redis does not have the event the feed read yet: look again next tick
				// rather than send the page the state before it
				session.orderChanged = true;
				return;
			}
			else {
				session.awaitedStatus = null;
			}
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
	private static boolean reached(String status, String awaited) {
		if (status == null) {
			return false;
		}
		try {
			OrderStatus now = OrderStatus.valueOf(status);
			return now.isFinal() || now.ordinal() >= OrderStatus.valueOf(awaited).ordinal();
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	/** Builds the session's next frame, or {@code null} when nothing changed. */
	private ByteBuffer frame(LiveSession session) {
		FrameEncoder encoder = session.encoder;
		encoder.clear();
		Subscription wanted = session.wanted;
		boolean reset = false;
		if (wanted != session.applied) {
			// a new viewport or order: resend everything in it (the dictionary stays
			// known)
			session.applied = wanted;
			session.lastVersion = 0;
			session.visible.clear();
			session.grid = null;
			reset = true;
		}
		if (wanted == Subscription.NOTHING) {
			return null;
		}
		if (wanted.orderId() == null) {
			if (wantsDensity(session, wanted)) {
				return densityFrame(session, wanted);
			}
			if (session.grid != null) {
				// zoomed back in: the client drops the grid and gets every rider in view
				session.grid = null;
				session.lastVersion = 0;
				session.visible.clear();
				reset = true;
			}
		}
		long since = session.lastVersion;
		long now = this.view.version();
		Slot[] slots = this.view.slots();
		int size = this.view.size();
		if (wanted.orderId() != null) {
			String riderId = session.orderRider;
			Slot slot = (riderId != null) ? this.view.slot(riderId) : null;
			if (slot != null && slot.version > since) {
				include(session, slot, wanted);
			}
		}
		else {
			for (int i = 0; i < size; i++) {
				Slot slot = slots[i];
				if (slot.version > since) {
					include(session, slot, wanted);
				}
			}
		}
		session.lastVersion = now;
		if (encoder.isEmpty() && !reset) {
			return null;
		}
		long sentAt = this.clock.millis();
		if (!reset) {
			// a reset resends riders that did not move, which says nothing about the path
			encoder.recordQueued(this.stages, sentAt);
		}
		return encoder.encode(reset, sentAt);
	}

	/**
	 * Zoomed out, or too many riders in view to send each at every fix within the byte
	 * budget (15 B per update): counts per cell instead. Leaving density mode takes fewer
	 * riders than entering it, so a viewport near the limit does not flip every tick.
	 */
	private boolean wantsDensity(LiveSession session, Subscription wanted) {
		if (wanted.zoom() <= this.properties.densityZoom()) {
			return true;
		}
		long limit = (session.grid != null) ? this.properties.densityRiders() * 4L / 5
				: this.properties.densityRiders();
		Slot[] slots = this.view.slots();
		int size = this.view.size();
		if (size <= limit) {
			// fewer riders in the whole city than the limit: no need to count the box
			return false;
		}
		int inside = 0;
		for (int i = 0; i < size; i++) {
			Slot slot = slots[i];
			if (!slot.removed && wanted.contains(slot.lat, slot.lon) && ++inside > limit) {
				return true;
			}
		}
		return false;
	}

	/** Counts every rider in the viewport per cell; sends the cells that changed. */
	private ByteBuffer densityFrame(LiveSession session, Subscription wanted) {
		DensityGrid grid = session.grid;
		boolean reset = false;
		long now = this.clock.millis();
		if (grid != null && grid.subscription == wanted
				&& now - session.densityAt < this.properties.densityInterval().toMillis()) {
			// counts per cell change slowly; a new viewport is still answered at once
			return null;
		}
		session.densityAt = now;
		if (grid == null || grid.subscription != wanted) {
			grid = DensityGrid.of(wanted, this.properties.densityCellPx());
			session.grid = grid;
			session.visible.clear();
			reset = true;
		}
		grid.clear();
		Slot[] slots = this.view.slots();
		int size = this.view.size();
		for (int i = 0; i < size; i++) {
			Slot slot = slots[i];
			if (!slot.removed && wanted.contains(slot.lat, slot.lon)) {
				grid.add(slot.mx, slot.my, slot.state);
			}
		}
		return grid.encode(reset, now);
	}

	private static void include(LiveSession session, Slot slot, Subscription wanted) {
		int index = slot.index;
		if (!slot.removed && wanted.contains(slot.lat, slot.lon)) {
			boolean fresh = !session.known.get(index);
			session.known.set(index);
			session.visible.set(index);
			session.encoder.update(slot, fresh);
		}
		else if (session.visible.get(index)) {
			session.visible.clear(index);
			session.encoder.remove(index);
		}
	}

	private void stats() {
		long now = this.clock.millis();
		long fixes = this.view.fixesRead();
		if (this.sessions.isEmpty()) {
			// nobody to tell: no count of the riders, no JSON (the next rate starts here)
			this.lastFixes = fixes;
			this.lastStatsAt = now;
			return;
		}
		double seconds = (this.lastStatsAt > 0) ? (now - this.lastStatsAt) / 1000.0 : 1;
		long rate = Math.round((fixes - this.lastFixes) / Math.max(0.001, seconds));
		this.lastFixes = fixes;
		this.lastStatsAt = now;
		this.stats = EventJson.mapper()
			.writeValueAsString(new StatsMessage(rate, this.view.activeRiders(), this.sessions.size(),
					this.properties.tick().toMillis()));
		for (LiveSession session : this.sessions.values()) {
			if (session.operator) {
				session.pendingText = this.stats;
			}
		}
	}

	long framesSent() {
		return this.framesSent.sum();
	}

	long bytesSent() {
		return this.bytesSent.sum();
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

	/**
	 * The dashboard's {@code stats} message, once a second to operators.
	 *
	 * @param type always {@code stats}
	 * @param fixesPerSec fixes the live view read per second
	 * @param riders riders on the live view
	 * @param sessions WebSocket sessions of this instance
	 * @param tickMs the push tick
	 */
	record StatsMessage(String type, long fixesPerSec, int riders, int sessions, long tickMs) {

		StatsMessage(long fixesPerSec, int riders, int sessions, long tickMs) {
			this("stats", fixesPerSec, riders, sessions, tickMs);
		}

	}

}
