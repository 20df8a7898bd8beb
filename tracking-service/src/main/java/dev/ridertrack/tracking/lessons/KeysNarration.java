package dev.ridertrack.tracking.lessons;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.Utils;

/**
 * Lesson 3's reading of where records landed: the murmur2 prediction for a key, the order
 * check, and the sticky partitioner's runs.
 */
final class KeysNarration {

	private KeysNarration() {
	}

	/**
	 * Where one record landed.
	 *
	 * @param seq its sequence number in the lesson, in send order
	 * @param partition the partition the broker acknowledged
	 * @param offset its offset there
	 */
	record Landed(long seq, int partition, long offset) {
	}

	/**
	 * The default partitioner's choice for a key: murmur2 of the serialized key, made
	 * positive, modulo the partition count.
	 * @param key the key (serialized as UTF-8, as {@code StringSerializer} does)
	 * @param partitions the topic's partition count
	 * @return the partition
	 */
	static int partitionFor(String key, int partitions) {
		return Utils.toPositive(murmur2(key)) % partitions;
	}

	static int murmur2(String key) {
		return Utils.murmur2(key.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What a keyed send showed.
	 * @param key the key
	 * @param partitions the topic's partition count
	 * @param landed where each record landed, in send order
	 * @param readBack the sequence numbers of the key's records read back from the
	 * broker, in offset order
	 * @return a few sentences
	 */
	static List<String> keyed(String key, int partitions, List<Landed> landed, List<Long> readBack) {
		List<String> lines = new ArrayList<>();
		int predicted = partitionFor(key, partitions);
		lines.add(String.format(Locale.ROOT,
				"murmur2(\"%s\") = %d; made positive and taken modulo %d partitions that is %d: the default"
						+ " partitioner puts key %s in partition %d.",
				key, murmur2(key), partitions, predicted, key, predicted));
		long elsewhere = landed.stream().filter((l) -> l.partition() != predicted).count();
		boolean rising = true;
		for (int i = 1; i < landed.size(); i++) {
			rising &= landed.get(i).offset() > landed.get(i - 1).offset();
		}
		String where = (elsewhere == 0)
				? "All " + landed.size() + " records landed in partition " + predicted + ", as predicted"
				: elsewhere + " of " + landed.size() + " records landed outside partition " + predicted;
		lines.add(where + "; offsets " + landed.get(0).offset() + "–" + landed.get(landed.size() - 1).offset()
				+ (rising ? ", rising in the order they were sent." : ", NOT in the order they were sent."));
		List<Long> sentSeqs = landed.stream().map(Landed::seq).toList();
		if (readBack.equals(sentSeqs)) {
			lines.add("Read back from partition " + predicted + " by offset: seq " + sentSeqs.get(0) + "–"
					+ sentSeqs.get(sentSeqs.size() - 1)
					+ " in the order sent. One key's records stay in order, which is why RiderTrack keys every fix"
					+ " by rider.");
		}
		else {
			lines.add("Read back from partition " + predicted + ": " + readBack.size() + " records of key " + key
					+ " in this range, seq " + readBack + ", which is not the order sent.");
		}
		return lines;
	}

	/**
	 * What an unkeyed send showed.
	 * @param landed where each record landed, in send order
	 * @param batchBytes the producer's batch.size
	 * @return a few sentences
	 */
	static List<String> unkeyed(List<Landed> landed, int batchBytes) {
		List<List<Landed>> runs = split(landed);
		Map<Integer, Integer> perPartition = counts(landed);
		List<String> lines = new ArrayList<>();
		String runWords = runs.stream()
			.limit(6)
			.map((run) -> seqRange(run) + " → partition " + run.get(0).partition())
			.collect(Collectors.joining(", "));
		lines.add("Sent " + landed.size() + " records without a key: " + runs.size() + " run"
				+ ((runs.size() == 1) ? "" : "s") + " across " + perPartition.size() + " partition"
				+ ((perPartition.size() == 1) ? "" : "s") + " (" + runWords + ((runs.size() > 6) ? ", …" : "")
				+ "). The sticky partitioner fills a batch for one partition, then moves on.");
		lines.add("Per partition: "
				+ perPartition.entrySet()
					.stream()
					.map((e) -> e.getKey() + ": " + e.getValue())
					.collect(Collectors.joining(", "))
				+ ". This lesson's producer uses batch.size=" + batchBytes
				+ " bytes so the switch comes every few dozen records; at the default 16 KB these records would"
				+ " stay on one partition for hundreds. Records in different partitions have no order between them.");
		return lines;
	}

	/**
	 * The send's runs: consecutive records in one partition.
	 * @param landed where each record landed, in send order
	 * @return rows: records, partition, offsets
	 */
	static List<List<String>> runs(List<Landed> landed) {
		return split(landed).stream()
			.map((run) -> List.of(seqRange(run), String.valueOf(run.get(0).partition()),
					run.get(0).offset() + "–" + run.get(run.size() - 1).offset()))
			.toList();
	}

	/**
	 * The send's records per partition, every partition listed.
	 * @param landed where each record landed
	 * @param partitions the topic's partition count
	 * @return rows: partition, records
	 */
	static List<List<String>> spread(List<Landed> landed, int partitions) {
		Map<Integer, Integer> counts = counts(landed);
		List<List<String>> rows = new ArrayList<>();
		for (int p = 0; p < partitions; p++) {
			rows.add(List.of(String.valueOf(p), String.valueOf(counts.getOrDefault(p, 0))));
		}
		return rows;
	}

	static List<List<Landed>> split(List<Landed> landed) {
		List<List<Landed>> runs = new ArrayList<>();
		for (Landed l : landed) {
			if (runs.isEmpty() || runs.get(runs.size() - 1).get(0).partition() != l.partition()) {
				runs.add(new ArrayList<>());
			}
			runs.get(runs.size() - 1).add(l);
		}
		return runs;
	}

	private static Map<Integer, Integer> counts(List<Landed> landed) {
		Map<Integer, Integer> counts = new TreeMap<>();
		landed.forEach((l) -> counts.merge(l.partition(), 1, Integer::sum));
		return counts;
	}

	private static String seqRange(List<Landed> run) {
		long first = run.get(0).seq();
		long last = run.get(run.size() - 1).seq();
		return (first == last) ? "record " + first : "records " + first + "–" + last;
	}

}
