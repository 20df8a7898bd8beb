package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One member of a lesson 12 group: a real consumer polling on its own thread, recording
 * each record's receipt and each rebalance callback with its time.
 */
class RebalanceProtocolsMember {

	private final String name;

	private final RebalanceProtocolsGroup group;

	private final KafkaConsumer<String, String> consumer;

	private final Thread thread;

	private final AtomicLong received = new AtomicLong();

	private volatile Set<Integer> owned = Set.of();

	private volatile boolean stopping;

	RebalanceProtocolsMember(String name, RebalanceProtocolsGroup group, Map<String, Object> config) {
		this.name = name;
		this.group = group;
		this.consumer = new KafkaConsumer<>(config);
		this.thread = new Thread(this::run, "lesson-protocols-" + name);
		this.thread.setDaemon(true);
	}

	String name() {
		return this.name;
	}

	Set<Integer> owned() {
		return this.owned;
	}

	long received() {
		return this.received.get();
	}

	void start() {
		this.thread.start();
	}

	private void run() {
		try {
			this.consumer.subscribe(List.of(RebalanceProtocolsLesson.TOPIC), new ConsumerRebalanceListener() {

				@Override
				public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
					Set<Integer> revoked = numbers(partitions);
					Set<Integer> now = new TreeSet<>(RebalanceProtocolsMember.this.owned);
					now.removeAll(revoked);
					RebalanceProtocolsMember.this.owned = Set.copyOf(now);
					if (!revoked.isEmpty()) {
						RebalanceProtocolsMember.this.group.event(RebalanceProtocolsMember.this.name, false, revoked);
					}
				}

				@Override
				public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
					Set<Integer> assigned = numbers(partitions);
					Set<Integer> now = new TreeSet<>(RebalanceProtocolsMember.this.owned);
					now.addAll(assigned);
					RebalanceProtocolsMember.this.owned = Set.copyOf(now);
					if (!assigned.isEmpty()) {
						RebalanceProtocolsMember.this.group.event(RebalanceProtocolsMember.this.name, true, assigned);
					}
				}

				@Override
				public void onPartitionsLost(Collection<TopicPartition> partitions) {
					onPartitionsRevoked(partitions);
				}

			});
			while (!this.stopping) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.received.incrementAndGet();
					this.group.received(record.partition());
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
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

	private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
		Set<Integer> numbers = new TreeSet<>();
		partitions.forEach((tp) -> numbers.add(tp.partition()));
		return numbers;
	}

}
