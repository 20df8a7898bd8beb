package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One share consumer of lesson 13, polling on its own thread and acknowledging each
 * record explicitly once it has counted it, so that a crash leaves what it holds
 * unacknowledged.
 */
class ShareGroupsConsumer {

	private final String name;

	private final KafkaShareConsumer<String, String> consumer;

	private final Thread thread;

	private final ShareGroupsLedger ledger;

	private final AtomicLong received = new AtomicLong();

	private volatile boolean stopping;

	private volatile boolean crashNext;

	private volatile List<String> heldAtCrash;

	private volatile boolean alive = true;

	ShareGroupsConsumer(String name, KafkaLessonClients kafka, ShareGroupsLedger ledger) {
		this.name = name;
		this.ledger = ledger;
		this.consumer = new KafkaShareConsumer<>(kafka.shareConsumer(ShareGroupsLesson.GROUP, name,
				Map.of(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
						ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20)));
		this.thread = new Thread(this::run, "lesson-share-" + name);
		this.thread.setDaemon(true);
	}

	String name() {
		return this.name;
	}

	long received() {
		return this.received.get();
	}

	boolean alive() {
		return this.alive;
	}

	/** The ids it held, unacknowledged, when it crashed; {@code null} until then. */
	List<String> heldAtCrash() {
		return this.heldAtCrash;
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Crashes on its next poll that returns records, before acknowledging any of them.
	 */
	void crashWhileHolding() {
		this.crashNext = true;
	}

	private void run() {
		try {
			this.consumer.subscribe(List.of(ShareGroupsLesson.TOPIC));
			while (!this.stopping) {
				ConsumerRecords<String, String> records = this.consumer.poll(Duration.ofMillis(100));
				if (this.crashNext && !records.isEmpty()) {
					List<String> held = new ArrayList<>();
					for (ConsumerRecord<String, String> record : records) {
						held.add(record.value());
						this.ledger.delivered(record, this.name, false);
					}
					this.heldAtCrash = List.copyOf(held);
					// the crash: no acknowledgement, no commit; the broker gets its
					// records back when the member's share session ends, or when their
					// acquisition locks run out
					return;
				}
				for (ConsumerRecord<String, String> record : records) {
					this.received.incrementAndGet();
					this.ledger.delivered(record, this.name, true);
					this.consumer.acknowledge(record, AcknowledgeType.ACCEPT);
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		finally {
			this.alive = false;
			try {
				this.consumer.close(Duration.ofSeconds(5));
			}
			catch (RuntimeException ex) {
				// a crashed consumer's close may refuse its unacknowledged records; it is
				// gone either way
			}
		}
	}

	void stop() {
		this.stopping = true;
		this.consumer.wakeup();
	}

	void join() {
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
