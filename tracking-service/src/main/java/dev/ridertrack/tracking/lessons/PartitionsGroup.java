package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real {@link KafkaConsumer}s in one consumer group, each polling on its own thread, with
 * what each owns and received as its rebalance listener and poll loop saw it. Used by
 * lessons 1 and 2. The classic protocol with the range assignor: the group's textbook
 * behaviour, where every rebalance stops every member, so each one is clearly visible.
 */
final class PartitionsGroup {

	private static final Logger log = LoggerFactory.getLogger(PartitionsGroup.class);

	private final String group;

	private final String topic;

	private final int partitions;

	private final String prefix;

	private final LessonTopics kafka;

	private final BiConsumer<Member, ConsumerRecord<String, String>> sink;

	private final List<Member> members = new CopyOnWriteArrayList<>();

	/**
	 * @param group the group
	 * @param topic the topic its members subscribe to
	 * @param partitions the topic's partition count
	 * @param prefix members are named prefix + 1, 2, ...
	 * @param kafka where client settings come from
	 * @param sink called on a member's thread for every record it receives
	 */
	PartitionsGroup(String group, String topic, int partitions, String prefix, LessonTopics kafka,
			BiConsumer<Member, ConsumerRecord<String, String>> sink) {
		this.group = group;
		this.topic = topic;
		this.partitions = partitions;
		this.prefix = prefix;
		this.kafka = kafka;
		this.sink = sink;
	}

	String group() {
		return this.group;
	}

	String topic() {
		return this.topic;
	}

	int partitions() {
		return this.partitions;
	}

	int size() {
		return this.members.size();
	}

	List<Member> members() {
		return List.copyOf(this.members);
	}

	/**
	 * Starts the next member; it joins the group at its first poll.
	 * @return the new member
	 */
	Member add() {
		Member member = new Member(this.prefix + (this.members.size() + 1));
		this.members.add(member);
		member.start();
		return member;
	}

	/**
	 * Stops the newest member: it leaves the group as it closes.
	 */
	void removeLast() {
		if (!this.members.isEmpty()) {
			Member member = this.members.remove(this.members.size() - 1);
			member.stop();
		}
	}

	void stopAll() {
		while (!this.members.isEmpty()) {
			removeLast();
		}
	}

	/**
	 * What each member owns now, members in order.
	 * @return member name to its partitions
	 */
	Map<String, Set<Integer>> assignment() {
		Map<String, Set<Integer>> result = new LinkedHashMap<>();
		for (Member member : this.members) {
			result.put(member.name(), member.owned());
		}
		return result;
	}

	/**
	 * Whether the group has settled since a moment: every member has been given its
	 * partitions after it, none is between a revocation and an assignment, and together
	 * they own every partition once.
	 * @param sinceNanos the moment, from {@link System#nanoTime()}
	 * @return whether it has settled
	 */
	boolean settledSince(long sinceNanos) {
		if (this.members.isEmpty()) {
			return true;
		}
		Set<Integer> all = new TreeSet<>();
		int owned = 0;
		for (Member member : this.members) {
			if (member.assignedAt < sinceNanos || member.revokedAt > member.assignedAt) {
				return false;
			}
			Set<Integer> mine = member.owned();
			owned += mine.size();
			all.addAll(mine);
		}
		return all.size() == this.partitions && owned == this.partitions;
	}

	/**
	 * When the last member got its assignment.
	 * @return a {@link System#nanoTime()} value
	 */
	long lastAssignedAt() {
		long last = Long.MIN_VALUE;
		for (Member member : this.members) {
			last = Math.max(last, member.assignedAt);
		}
		return last;
	}

	/**
	 * One consumer of the group.
	 */
	final class Member implements ConsumerRebalanceListener {

		private final String name;

		private final AtomicLong received = new AtomicLong();

		private volatile Set<Integer> owned = Set.of();

		private volatile long assignedAt = Long.MIN_VALUE;

		private volatile long revokedAt = Long.MIN_VALUE;

		private volatile boolean running = true;

		private volatile KafkaConsumer<String, String> consumer;

		private Thread thread;

		private Member(String name) {
			this.name = name;
		}

		String name() {
			return this.name;
		}

		String group() {
			return PartitionsGroup.this.group;
		}

		Set<Integer> owned() {
			return this.owned;
		}

		long received() {
			return this.received.get();
		}

		private void start() {
			this.thread = new Thread(this::run, "lesson-" + PartitionsGroup.this.group + "-" + this.name);
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void stop() {
			this.running = false;
			KafkaConsumer<String, String> current = this.consumer;
			if (current != null) {
				current.wakeup();
			}
			try {
				this.thread.join(15000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void run() {
			Map<String, Object> config = PartitionsGroup.this.kafka.consumerProperties(PartitionsGroup.this.group,
					this.name);
			config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
			config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
			try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
					new StringDeserializer())) {
				this.consumer = kafka;
				kafka.subscribe(List.of(PartitionsGroup.this.topic), this);
				while (this.running) {
					ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(250));
					for (ConsumerRecord<String, String> record : records) {
						this.received.incrementAndGet();
						PartitionsGroup.this.sink.accept(this, record);
					}
					if (!records.isEmpty()) {
						commit(kafka);
					}
				}
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (KafkaException ex) {
				if (this.running) {
					log.warn("lesson consumer {} of {} failed: {}", this.name, PartitionsGroup.this.group,
							ex.toString());
				}
			}
			finally {
				this.owned = Set.of();
			}
		}

		private void commit(KafkaConsumer<String, String> kafka) {
			try {
				kafka.commitSync(Duration.ofSeconds(10));
			}
			catch (WakeupException ex) {
				throw ex;
			}
			catch (KafkaException ex) {
				// a rebalance in progress: the revocation callback commits before giving
				// up
				log.debug("commit of {} failed: {}", this.name, ex.toString());
			}
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			this.revokedAt = System.nanoTime();
			this.owned = Set.of();
			KafkaConsumer<String, String> kafka = this.consumer;
			if (kafka != null && !partitions.isEmpty()) {
				// what was received is committed before another member takes the
				// partitions, so no record reaches two members of the group
				try {
					kafka.commitSync(Duration.ofSeconds(10));
				}
				catch (WakeupException ex) {
					throw ex;
				}
				catch (KafkaException ex) {
					log.debug("commit on revocation of {} failed: {}", this.name, ex.toString());
				}
			}
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			Set<Integer> mine = new TreeSet<>();
			partitions.forEach((tp) -> mine.add(tp.partition()));
			this.owned = Collections.unmodifiableSet(mine);
			this.assignedAt = System.nanoTime();
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			this.revokedAt = System.nanoTime();
			this.owned = Set.of();
		}

		@Override
		public String toString() {
			return this.name + " " + new ArrayList<>(this.owned);
		}

	}

}
