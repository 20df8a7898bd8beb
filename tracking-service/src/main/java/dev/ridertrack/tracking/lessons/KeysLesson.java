package dev.ridertrack.tracking.lessons;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lesson 3: keys and ordering. Records sent with a key land in the partition the default
 * partitioner's murmur2 hash picks, all of one key in one partition in the order sent;
 * records without a key are spread by the sticky partitioner, a batch's worth to one
 * partition at a time.
 */
@Component
class KeysLesson implements Lesson, DisposableBean {

	static final String ID = "keys";

	static final String TOPIC = "lesson-keys";

	static final int PARTITIONS = 4;

	/**
	 * Small, so the sticky partitioner visibly switches every dozen records; with the
	 * default 16 KB it would stay on one partition for hundreds of these records.
	 */
	static final int BATCH_BYTES = 1024;

	private static final int MAX_RECORDS = 1000;

	private static final int TABLE_ROWS = 40;

	private static final int NARRATION_LINES = 30;

	private static final List<String> KEYS = List.of("rider-7", "rider-42", "rider-1001", "order-17");

	private final LessonTopics kafka;

	private final List<String> narration = new CopyOnWriteArrayList<>();

	private final List<List<String>> sent = new CopyOnWriteArrayList<>();

	private volatile List<List<String>> runs = List.of();

	private volatile List<List<String>> spread = List.of();

	private KafkaProducer<String, String> producer;

	private long seq;

	KeysLesson(LessonTopics kafka) {
		this.kafka = kafka;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int number() {
		return 3;
	}

	@Override
	public LessonState post(String action, JsonNode body) {
		return switch (action) {
			case "send-keyed" -> sendKeyed(body);
			case "send-unkeyed" -> sendUnkeyed(body);
			default -> throw LessonProblem.unknownAction(ID, action);
		};
	}

	private LessonState sendKeyed(JsonNode body) {
		JsonNode keyNode = body.get("key");
		String key = (keyNode == null || keyNode.isNull()) ? KEYS.get(1) : keyNode.asString();
		if (key.isBlank() || key.length() > 100) {
			throw LessonProblem.invalid("'key' must be 1 to 100 characters, e.g. a rider id like rider-42.");
		}
		int count = count(body, 10);
		synchronized (this) {
			List<KeysNarration.Landed> landed = send(key, count);
			int partition = KeysNarration.partitionFor(key, PARTITIONS);
			List<Long> readBack = readBack(partition, landed.get(0).offset(), landed.get(landed.size() - 1).offset(),
					key);
			KeysNarration.keyed(key, PARTITIONS, landed, readBack).forEach(this::say);
			this.runs = KeysNarration.runs(landed);
			this.spread = KeysNarration.spread(landed, PARTITIONS);
		}
		return state();
	}

	private LessonState sendUnkeyed(JsonNode body) {
		int count = count(body, 100);
		synchronized (this) {
			List<KeysNarration.Landed> landed = send(null, count);
			this.runs = KeysNarration.runs(landed);
			this.spread = KeysNarration.spread(landed, PARTITIONS);
			KeysNarration.unkeyed(landed, BATCH_BYTES).forEach(this::say);
		}
		return state();
	}

	/**
	 * Sends the records one after the other (each waits for the one before it to be in a
	 * batch, not acknowledged) and returns where each landed, in send order.
	 */
	private List<KeysNarration.Landed> send(String key, int count) {
		this.kafka.create(TOPIC, PARTITIONS, Map.of(), ID);
		KafkaProducer<String, String> kafka = producer();
		List<Future<RecordMetadata>> futures = new ArrayList<>();
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long n = ++this.seq;
			seqs.add(n);
			futures.add(kafka.send(new ProducerRecord<>(TOPIC, key, payload(key, n))));
		}
		kafka.flush();
		List<KeysNarration.Landed> landed = new ArrayList<>();
		for (int i = 0; i < futures.size(); i++) {
			try {
				RecordMetadata m = futures.get(i).get(30, TimeUnit.SECONDS);
				landed.add(new KeysNarration.Landed(seqs.get(i), m.partition(), m.offset()));
				this.sent.add(List.of(String.valueOf(seqs.get(i)), (key != null) ? key : "(none)",
						String.valueOf(m.partition()), String.valueOf(m.offset()),
						(key != null) ? String.valueOf(KeysNarration.partitionFor(key, PARTITIONS)) : "sticky"));
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("a send to " + TOPIC + " failed: " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		while (this.sent.size() > TABLE_ROWS) {
			this.sent.remove(0);
		}
		return landed;
	}

	/**
	 * Reads one key's records back from the broker, in offset order, and returns their
	 * sequence numbers.
	 */
	private List<Long> readBack(int partition, long from, long to, String key) {
		TopicPartition tp = new TopicPartition(TOPIC, partition);
		List<Long> seqs = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				this.kafka.consumerProperties(null, "lesson-keys-reader"), new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(tp));
			consumer.seek(tp, from);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (consumer.position(tp) <= to && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() <= to && key.equals(record.key())) {
						seqs.add(seqOf(record.value()));
					}
				}
			}
		}
		return seqs;
	}

	@Override
	public synchronized void reset() {
		closeProducer();
		this.kafka.release(TOPIC, ID);
		this.narration.clear();
		this.sent.clear();
		this.runs = List.of();
		this.spread = List.of();
		this.seq = 0;
	}

	@Override
	public synchronized void destroy() {
		closeProducer();
	}

	@Override
	public LessonState state() {
		List<LessonState.Block> view = List.of(
				new LessonState.Table("Records sent, newest last",
						List.of("seq", "key", "partition", "offset", "murmur2 predicts"), List.copyOf(this.sent)),
				new LessonState.Table("The last send, run by run", List.of("records", "partition", "offsets"),
						this.runs),
				new LessonState.Table("The last send, per partition", List.of("partition", "records"), this.spread));
		return new LessonState(ID, 3, "Keys and ordering",
				"A record's key picks its partition: the default partitioner hashes the key with murmur2, so every"
						+ " record of one key goes to the same partition, where Kafka keeps them in the order written."
						+ " Records without a key are spread by the sticky partitioner: it fills a batch for one"
						+ " partition, then moves on.",
				"With a key: every record in the partition murmur2 predicts, offsets rising in the order sent. Without"
						+ " a key: runs of records in one partition, then another.",
				true, null,
				"kafka-console-producer.sh --bootstrap-server " + this.kafka.bootstrapServers() + " --topic " + TOPIC
						+ " --property parse.key=true --property key.separator=:   then type rider-42:hello;"
						+ " kafka-console-consumer.sh --bootstrap-server " + this.kafka.bootstrapServers() + " --topic "
						+ TOPIC + " --from-beginning --property print.partition=true --property print.offset=true"
						+ " --property print.key=true",
				this.producer != null,
				List.of(LessonState.Action.choice("send-keyed", "Send with a key", "key", KEYS,
						"Sends {\"count\"} (default 10) records with this key (or type your own in \"key\")."),
						LessonState.Action.number("send-unkeyed", "Send without a key", "POST", "count", 1, MAX_RECORDS,
								100, "Sends this many records with no key."),
						LessonState.Action.button("reset", "Reset", "Closes the producer and deletes " + TOPIC + ".")),
				view, List.copyOf(this.narration), Instant.now());
	}

	private synchronized KafkaProducer<String, String> producer() {
		if (this.producer == null) {
			Map<String, Object> config = this.kafka.producerProperties("lesson-keys-producer");
			config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
			this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
		}
		return this.producer;
	}

	private void closeProducer() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	private void say(String line) {
		this.narration.add(line);
		while (this.narration.size() > NARRATION_LINES) {
			this.narration.remove(0);
		}
	}

	private static int count(JsonNode body, int otherwise) {
		JsonNode value = body.get("count");
		if (value == null || value.isNull()) {
			return otherwise;
		}
		if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > MAX_RECORDS) {
			throw LessonProblem.invalid("'count' must be a whole number from 1 to " + MAX_RECORDS + ".");
		}
		return value.asInt();
	}

	static String payload(String key, long seq) {
		return "{\"seq\":" + seq + ",\"key\":" + ((key != null) ? "\"" + key.replace("\"", "") + "\"" : "null")
				+ ",\"note\":\"lesson 3 record\"}";
	}

	static long seqOf(String payload) {
		int start = payload.indexOf("\"seq\":") + 6;
		int end = payload.indexOf(',', start);
		return Long.parseLong(payload.substring(start, end));
	}

}
