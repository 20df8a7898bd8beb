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

	private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

	private final LiveView view;

	private final OrderPages orderPages;

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
		this.orderPages = new OrderPages(orders, clock);
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
				this.orderPages.changed(session, status, eta);
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
				this.orderPages.send(session);
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
