package dev.ridertrack.tracking.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.OrderStatus;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Topics;
import dev.ridertrack.tracking.TrackingProperties;
import dev.ridertrack.tracking.state.RiderStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link LiveView} from every partition of rider-locations, order-events and
 * eta-updates, whichever instance owns them in the tracking group. It uses manual
 * assignment and no group, so it commits nothing and never takes partitions from the
 * group's consumers: a browser connected to any instance sees every rider. On start it
 * re-reads the last {@code live-replay} of each partition so the map fills at once.
 * <p>
 * It reads only while someone watches: with no WebSocket session for
 * {@code live-idle-after} it closes its consumer, and the next session starts it again.
 * Reading every fix a second time was half of what the service spent per fix, for a map
 * nobody looked at (issue 14). A restart continues where the feed stopped if that is
 * within {@code live-replay}; otherwise it starts as on start-up: riders not heard from
 * since leave the map until their next fix, and duties come from Redis again.
 */
@Component
class LiveFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

	private static final List<String> TOPICS = List.of(Topics.RIDER_LOCATIONS.name(), Topics.ORDER_EVENTS.name(),
			Topics.ETA_UPDATES.name());

	private final KafkaProperties kafkaProperties;

	private final TrackingProperties properties;

	private final LiveView view;

	private final RiderStore riders;

	private final Clock clock;

	private final List<OrderListener> orderListeners = new CopyOnWriteArrayList<>();

	private final ObjectReader locationReader = EventJson.mapper().readerFor(RiderLocation.class);

	private final ObjectReader orderReader = EventJson.mapper().readerFor(OrderEvent.class);

	private final ObjectReader etaReader = EventJson.mapper().readerFor(EtaUpdate.class);

	/**
	 * Records stamped up to this long before the feed stopped may still have been in
	 * flight: a restart re-reads them (a fix already applied is ignored by its seq).
	 */
	private static final long IN_FLIGHT_MS = 5_000;

	/** What a fetch waits for (see {@link #config()}). */
	static final int FETCH_MIN_BYTES = 4096;

	/** The longest a fetch waits for {@link #FETCH_MIN_BYTES}: the latency it may add. */
	static final int FETCH_MAX_WAIT_MS = 100;

	private final Object watchers = new Object();

	private volatile IntSupplier sessions = () -> 0;

	/** When a session was last seen, on the feed's thread; {@code MIN_VALUE}: never. */
	private long watchedAt = Long.MIN_VALUE;

	private volatile KafkaConsumer<byte[], byte[]> consumer;

	private volatile boolean running;

	private Thread thread;

	LiveFeed(KafkaProperties kafkaProperties, TrackingProperties properties, LiveView view, RiderStore riders,
			Clock clock) {
		this.kafkaProperties = kafkaProperties;
		this.properties = properties;
		this.view = view;
		this.riders = riders;
		this.clock = clock;
	}

	/** Something that wants to hear about an order's change (order page sessions). */
	interface OrderListener {

		/**
		 * An order's event or ETA was read.
		 * @param orderId the order
		 * @param status the status of the order event just read, or {@code null} for an
		 * ETA
		 * @param eta the ETA just read, or {@code null} for an order event
		 */
		void orderChanged(String orderId, OrderStatus status, EtaUpdate eta);

	}

	void addOrderListener(OrderListener listener) {
		this.orderListeners.add(listener);
	}

	/**
	 * Tells the feed how many sessions watch (the push's sessions).
	 * @param count the number of open sessions, read whenever the feed decides whether to
	 * read
	 */
	void watchedBy(IntSupplier count) {
		this.sessions = count;
	}

	/**
	 * Whether the feed has a consumer now.
	 * @return {@code false} while nobody watches (after the idle time)
	 */
	boolean reading() {
		return this.consumer != null;
	}

	/** A session connected: start reading now if the feed was stopped. */
	void wake() {
		synchronized (this.watchers) {
			this.watchers.notifyAll();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "live-feed");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		wake();
		KafkaConsumer<byte[], byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		if (this.thread != null) {
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		long stoppedAt = Long.MIN_VALUE;
		while (awaitWatcher()) {
			long since = this.clock.millis() - this.properties.liveReplay().toMillis();
			boolean continues = stoppedAt != Long.MIN_VALUE && stoppedAt - IN_FLIGHT_MS >= since;
			if (continues) {
				since = stoppedAt - IN_FLIGHT_MS;
			}
			try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config(), new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				this.consumer = kafka;
				assignAll(kafka, since);
				if (!continues) {
					startOver(since);
				}
				long polledAt = this.clock.millis();
				while (this.running && watched(polledAt)) {
					ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(200));
					long consumedAt = this.clock.millis();
					for (ConsumerRecord<byte[], byte[]> record : records) {
						apply(record, consumedAt);
					}
					// everything stamped before the previous poll returned has been read,
					// but for records still in flight then
					stoppedAt = polledAt;
					polledAt = consumedAt;
				}
				if (this.running) {
					log.info("live feed stopped reading: no WebSocket session for {}", this.properties.liveIdleAfter());
				}
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("live feed failed, reconnecting: {}", ex.toString());
					try {
						// back off before reconnecting, so a broker outage is not a busy
						// loop
						Thread.sleep(1000);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}

	/**
	 * Waits until a session watches (or the feed stops).
	 * @return {@code false} when the feed stops
	 */
	private boolean awaitWatcher() {
		synchronized (this.watchers) {
			while (this.running && !watched(this.clock.millis())) {
				try {
					// woken by a new session; the timeout only bounds a check of the
					// count
					this.watchers.wait(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return this.running;
	}

	/** Whether a session is open, or was within the idle time. */
	private boolean watched(long now) {
		if (this.sessions.getAsInt() > 0) {
			this.watchedAt = now;
			return true;
		}
		return this.watchedAt != Long.MIN_VALUE && now - this.watchedAt < this.properties.liveIdleAfter().toMillis();
	}

	/**
	 * The feed missed records since it last read (or never read): the view forgets riders
	 * not heard from since {@code since}, whose next fix brings them back, and takes the
	 * duties Redis holds; replaying from {@code since} then brings both up to date.
	 */
	private void startOver(long since) {
		this.view.forgetSilentSince(since);
		try {
			this.view.replaceDuties(this.riders.duties());
		}
		catch (RuntimeException ex) {
			log.warn("could not load rider duties from Redis, the map shows them as orders arrive: {}", ex.toString());
		}
	}

	private Map<String, Object> config() {
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracking-live-" + ProcessHandle.current().pid());
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10000);
		// With fetch.min.bytes 1 the broker answered every produce with a fetch of a few
		// fixes (about 20 fetches a second at the default load, two per produce with
		// three brokers). Waiting for 4 KB, at most 100 ms, makes it at most ten a second
		// per broker and under load changes nothing (4 KB is there at once). The fix
		// reaches the map up to 100 ms later, inside the 250 ms budget (issue 14); an
		// idle watched stack is fetched ten times a second, an unwatched one not at all.
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
		return config;
	}

	private void assignAll(KafkaConsumer<byte[], byte[]> kafka, long since) throws WakeupException {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : TOPICS) {
			List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(30));
			if (infos == null || infos.isEmpty()) {
				throw new IllegalStateException("topic " + topic + " has no partitions yet");
			}
			for (PartitionInfo info : infos) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		kafka.assign(partitions);
		// End offsets first, then the time lookup: a partition with nothing since
		// `since` starts at the end as it was *before* that lookup, so a record
		// appended meanwhile (it is newer than `since`) is read. A lazy seekToEnd
		// resolved at the first poll skipped such records: an order assigned while
		// the instance started stayed "idle" on its map.
		Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(30));
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, since));
		Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(query, Duration.ofSeconds(30));
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp offset = offsets.get(partition);
			kafka.seek(partition, (offset != null) ? offset.offset() : ends.get(partition));
		}
		log.info("live feed reads all {} partitions of {} from {}", partitions.size(), TOPICS,
				Instant.ofEpochMilli(since));
	}

	private void apply(ConsumerRecord<byte[], byte[]> record, long consumedAt) {
		if (record.value() == null) {
			return;
		}
		try {
			switch (record.topic()) {
				case "rider-locations" -> {
					RiderLocation fix = this.locationReader.readValue(record.value());
					if (fix.riderId() != null && fix.recordedAt() != null) {
						this.view.fix(fix.riderId(), fix.seq(), fix.lat(), fix.lon(), (float) fix.speedMps(),
								(float) fix.headingDeg(), fix.recordedAt().toEpochMilli(), fix.orderId(),
								record.timestamp(), consumedAt);
					}
				}
				case "order-events" -> {
					OrderEvent event = this.orderReader.readValue(record.value());
					if (event.riderId() != null && event.status() != null) {
						applyDuty(event);
					}
					notifyOrder(event.orderId(), event.status(), null);
				}
				case "eta-updates" -> {
					EtaUpdate eta = this.etaReader.readValue(record.value());
					notifyOrder(eta.orderId(), null, eta);
				}
				default -> {
				}
			}
		}
		catch (RuntimeException ex) {
			// the tracking group dead-letters poison records; the view skips them
			log.debug("live feed skipped an unreadable record at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
		}
	}

	private void applyDuty(OrderEvent event) {
		OrderStatus status = event.status();
		switch (status) {
			case ASSIGNED -> this.view.duty(event.riderId(), event.orderId(), LiveView.TO_RESTAURANT, false);
			case PICKED_UP -> this.view.duty(event.riderId(), event.orderId(), LiveView.TO_CUSTOMER, false);
			case DELIVERED, CANCELLED -> this.view.duty(event.riderId(), event.orderId(), LiveView.IDLE, true);
			default -> {
			}
		}
	}

	private void notifyOrder(String orderId, OrderStatus status, EtaUpdate eta) {
		if (orderId == null) {
			return;
		}
		for (OrderListener listener : this.orderListeners) {
			listener.orderChanged(orderId, status, eta);
		}
	}

}
