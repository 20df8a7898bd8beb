package dev.ridertrack.tracking.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ridertrack.tracking.kafka.MessagePage.DeadLetter;
import dev.ridertrack.tracking.kafka.MessagePage.Message;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads records straight from a topic's log for the message browser: one consumer with no
 * group (it commits nothing and moves no group's offsets), used by one request at a time,
 * each bounded in records scanned and in time.
 */
@Component
class MessageBrowser implements DisposableBean {

	/** A key search looks back through at most this many records of its partition. */
	static final int MAX_SCANNED = 200_000;

	private static final Duration BUDGET = Duration.ofSeconds(4);

	private static final Duration POLL = Duration.ofMillis(200);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final JsonMapper json = JsonMapper.builder().build();

	MessageBrowser(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG,
				config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "tracking") + "-message-browser");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * One page of records.
	 * @param topic the topic
	 * @param query where to start, which key, how many
	 * @return the page
	 * @throws KafkaProblem (404) for a topic the cluster does not have, (400) for a
	 * partition it does not have
	 */
	synchronized MessagePage read(String topic, MessageQuery query) {
		List<PartitionInfo> infos = this.consumer.partitionsFor(topic);
		if (infos == null || infos.isEmpty()) {
			throw KafkaProblem.unknownTopic(topic);
		}
		int partitions = infos.size();
		Integer partition = query.partition();
		if (partition != null && partition >= partitions) {
			throw KafkaProblem.invalidParameter("Topic '" + topic + "' has partitions 0–" + (partitions - 1)
					+ "; there is no partition " + partition + ".");
		}
		if (query.key() != null) {
			int keyPartition = partitionOf(query.key(), partitions);
			if (partition != null && partition != keyPartition) {
				throw KafkaProblem.invalidParameter("Key '" + query.key() + "' is always in partition " + keyPartition
						+ " (the default partitioner hashes the key), not in partition " + partition + ".");
			}
			partition = keyPartition;
		}
		List<TopicPartition> chosen = new ArrayList<>();
		for (int p = 0; p < partitions; p++) {
			if (partition == null || partition == p) {
				chosen.add(new TopicPartition(topic, p));
			}
		}
		Map<TopicPartition, Long> starts = this.consumer.beginningOffsets(chosen);
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(chosen);
		this.consumer.assign(chosen);
		try {
			return (query.offset() == null && query.time() == null) ? newest(topic, partition, query, starts, ends)
					: forward(topic, partition, query, starts, ends);
		}
		finally {
			this.consumer.assign(List.of());
		}
	}

	/**
	 * The partition the producer's default partitioner puts a key in: murmur2 of the
	 * key's bytes, made positive, modulo the partition count.
	 * @param key the key, as the services send it (UTF-8 text)
	 * @param partitions the topic's partition count
	 * @return the partition
	 */
	static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/** From an offset or a time onwards, up to the end as it was when the read began. */
	private MessagePage forward(String topic, Integer partition, MessageQuery query, Map<TopicPartition, Long> starts,
			Map<TopicPartition, Long> ends) {
		List<String> notes = new ArrayList<>();
		Map<TopicPartition, Long> from = new HashMap<>();
		if (query.offset() != null) {
			TopicPartition tp = new TopicPartition(topic, partition);
			long start = starts.get(tp);
			long end = ends.get(tp);
			if (query.offset() >= end) {
				return new MessagePage(topic, partition, List.of(),
						"Offset " + query.offset() + " is beyond the end of partition " + partition
								+ ": its next record will get offset " + end + ", so there is nothing to show yet.");
			}
			if (query.offset() < start) {
				notes.add("Offsets below " + start + " of partition " + partition
						+ " have been deleted by retention; reading from " + start + ", the log start.");
			}
			from.put(tp, Math.max(start, query.offset()));
		}
		else {
			Map<TopicPartition, Long> times = new HashMap<>();
			starts.keySet().forEach((tp) -> times.put(tp, query.time().toEpochMilli()));
			Map<TopicPartition, OffsetAndTimestamp> found = this.consumer.offsetsForTimes(times);
			found.forEach((tp, at) -> {
				if (at != null) {
					from.put(tp, at.offset());
				}
			});
			if (from.isEmpty()) {
				return new MessagePage(topic, partition, List.of(),
						"No record at or after " + query.time() + " yet" + where(partition) + ".");
			}
		}
		List<Message> found = scan(from, ends, query.key(), query.limit(), notes);
		found.sort(order(partition));
		List<Message> page = (found.size() > query.limit()) ? new ArrayList<>(found.subList(0, query.limit())) : found;
		if (page.isEmpty() && query.key() != null) {
			notes.add("No record with key '" + query.key() + "' from there to the end of partition " + partition + ".");
		}
		return new MessagePage(topic, partition, page, notes.isEmpty() ? null : String.join(" ", notes));
	}

	/**
	 * The newest records: the tail of each partition, or for a key, looking back through
	 * its partition in growing steps until enough of the key's records are found.
	 */
	private MessagePage newest(String topic, Integer partition, MessageQuery query, Map<TopicPartition, Long> starts,
			Map<TopicPartition, Long> ends) {
		List<String> notes = new ArrayList<>();
		List<Message> found = new ArrayList<>();
		if (query.key() == null) {
			Map<TopicPartition, Long> from = new HashMap<>();
			starts.forEach((tp, start) -> from.put(tp, Math.max(start, ends.get(tp) - query.limit())));
			found.addAll(scan(from, ends, null, Integer.MAX_VALUE, notes));
		}
		else {
			TopicPartition tp = new TopicPartition(topic, partition);
			long start = starts.get(tp);
			long high = ends.get(tp);
			long step = 2_000;
			long scanned = 0;
			while (found.size() < query.limit() && high > start && scanned < MAX_SCANNED) {
				long low = Math.max(start, high - step);
				List<Message> earlier = scan(Map.of(tp, low), Map.of(tp, high), query.key(), Integer.MAX_VALUE, notes);
				found.addAll(0, earlier);
				scanned += high - low;
				high = low;
				step *= 2;
			}
			notes.add(String.format(
					"Key '%s' is in partition %d; looked through offsets %,d–%,d (%,d records) and "
							+ "found %,d of its records.",
					query.key(), partition, high, ends.get(tp), scanned, found.size()));
		}
		found.sort(order(partition));
		List<Message> page = (found.size() > query.limit())
				? new ArrayList<>(found.subList(found.size() - query.limit(), found.size())) : found;
		if (page.isEmpty() && query.key() == null) {
			notes.add("No records" + where(partition) + " yet.");
		}
		return new MessagePage(topic, partition, page, notes.isEmpty() ? null : String.join(" ", notes));
	}

	/**
	 * Reads each partition from its start offset up to (not including) its end offset,
	 * keeping at most {@code limit} matching records per partition, within the time
	 * budget.
	 */
	private List<Message> scan(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until, String key, int limit,
			List<String> notes) {
		Map<TopicPartition, Integer> kept = new HashMap<>();
		List<TopicPartition> open = new ArrayList<>();
		for (Map.Entry<TopicPartition, Long> start : from.entrySet()) {
			if (start.getValue() < until.get(start.getKey())) {
				open.add(start.getKey());
			}
		}
		this.consumer.assign(open);
		for (TopicPartition tp : open) {
			this.consumer.seek(tp, from.get(tp));
		}
		List<Message> out = new ArrayList<>();
		long deadline = System.nanoTime() + BUDGET.toNanos();
		while (!open.isEmpty()) {
			if (System.nanoTime() > deadline) {
				notes.add("Stopped reading after " + BUDGET.toSeconds() + " s; narrow the search with a partition, "
						+ "an offset or a time.");
				break;
			}
			for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(POLL)) {
				TopicPartition tp = new TopicPartition(record.topic(), record.partition());
				if (!open.contains(tp) || record.offset() >= until.get(tp)) {
					continue;
				}
				if (key == null || key.equals(text(record.key()))) {
					out.add(message(record));
					kept.merge(tp, 1, Integer::sum);
				}
			}
			List<TopicPartition> done = open.stream()
				.filter((tp) -> this.consumer.position(tp) >= until.get(tp) || kept.getOrDefault(tp, 0) >= limit)
				.toList();
			// paused, not unassigned: a fetch in flight for an unassigned partition is
			// dropped with a warning in the log, one per partition and read
			this.consumer.pause(done);
			open.removeAll(done);
		}
		return out;
	}

	private Message message(ConsumerRecord<byte[], byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), headerText(header));
		}
		DeadLetter deadLetter = headers.containsKey(KafkaHeaders.DLT_ORIGINAL_TOPIC) ? new DeadLetter(
				headers.get(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP), headers.get(KafkaHeaders.DLT_EXCEPTION_FQCN),
				headers.get(KafkaHeaders.DLT_EXCEPTION_MESSAGE), headers.get(KafkaHeaders.DLT_ORIGINAL_TOPIC),
				integer(headers.get(KafkaHeaders.DLT_ORIGINAL_PARTITION)),
				number(headers.get(KafkaHeaders.DLT_ORIGINAL_OFFSET)),
				instant(number(headers.get(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)))) : null;
		return new Message(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
				text(record.key()), headers, value(record.value()), deadLetter);
	}

	/** A JSON value as JSON; text that is not JSON as a string; other bytes in base64. */
	private JsonNode value(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		if (bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
			try {
				return this.json.readTree(bytes);
			}
			catch (JacksonException ex) {
				// not JSON after all (a poison record, say): shown as the text it is
			}
		}
		String text = strictText(bytes);
		return StringNode.valueOf((text != null) ? text : "base64:" + Base64.getEncoder().encodeToString(bytes));
	}

	/**
	 * Header values as text. Spring Kafka writes the dead-letter partition, offset and
	 * timestamp as big-endian binary numbers; those are decoded.
	 */
	private static String headerText(Header header) {
		byte[] value = header.value();
		if (value == null) {
			return null;
		}
		if (KafkaHeaders.DLT_ORIGINAL_PARTITION.equals(header.key()) && value.length == Integer.BYTES) {
			return Integer.toString(ByteBuffer.wrap(value).getInt());
		}
		if ((KafkaHeaders.DLT_ORIGINAL_OFFSET.equals(header.key())
				|| KafkaHeaders.DLT_ORIGINAL_TIMESTAMP.equals(header.key())) && value.length == Long.BYTES) {
			return Long.toString(ByteBuffer.wrap(value).getLong());
		}
		String text = strictText(value);
		return (text != null) ? text : "base64:" + Base64.getEncoder().encodeToString(value);
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static String strictText(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static Integer integer(String text) {
		Long number = number(text);
		return (number != null) ? number.intValue() : null;
	}

	private static Long number(String text) {
		try {
			return (text != null) ? Long.valueOf(text) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Instant instant(Long millis) {
		return (millis != null) ? Instant.ofEpochMilli(millis) : null;
	}

	private static Comparator<Message> order(Integer partition) {
		return (partition != null) ? Comparator.comparingLong(Message::offset)
				: Comparator.comparing(Message::timestamp)
					.thenComparingInt(Message::partition)
					.thenComparingLong(Message::offset);
	}

	private static String where(Integer partition) {
		return (partition != null) ? " in partition " + partition : " in any partition";
	}

	@Override
	public synchronized void destroy() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
