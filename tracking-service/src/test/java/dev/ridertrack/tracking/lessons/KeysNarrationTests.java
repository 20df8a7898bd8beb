package dev.ridertrack.tracking.lessons;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeysNarrationTests {

	@Test
	void predictsThePartitionKafkasBuiltInPartitionerPicks() {
		for (String key : List.of("rider-7", "rider-42", "rider-1001", "order-17", "é-ü")) {
			assertThat(KeysNarration.partitionFor(key, 4))
				.isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 4));
		}
	}

	@Test
	void saysWhenAllRecordsOfAKeyLandedAsPredictedAndInOrder() {
		int p = KeysNarration.partitionFor("rider-42", 4);
		List<KeysNarration.Landed> landed = List.of(new KeysNarration.Landed(1, p, 10),
				new KeysNarration.Landed(2, p, 11), new KeysNarration.Landed(3, p, 12));
		List<String> lines = KeysNarration.keyed("rider-42", 4, landed, List.of(1L, 2L, 3L));
		assertThat(lines.get(1)).isEqualTo("All 3 records landed in partition " + p
				+ ", as predicted; offsets 10–12, rising in the order they were sent.");
		assertThat(lines.get(2)).startsWith("Read back from partition " + p + " by offset: seq 1–3 in the order sent.");
	}

	@Test
	void splitsAnUnkeyedSendIntoRuns() {
		List<KeysNarration.Landed> landed = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			landed.add(new KeysNarration.Landed(i, (i <= 4) ? 2 : 0, i));
		}
		assertThat(KeysNarration.runs(landed)).containsExactly(List.of("records 1–4", "2", "1–4"),
				List.of("records 5–10", "0", "5–10"));
		assertThat(KeysNarration.spread(landed, 4)).containsExactly(List.of("0", "6"), List.of("1", "0"),
				List.of("2", "4"), List.of("3", "0"));
		assertThat(KeysNarration.unkeyed(landed, 1024).get(0))
			.startsWith("Sent 10 records without a key: 2 runs across 2 partitions (records 1–4 → partition 2,"
					+ " records 5–10 → partition 0).");
	}

}
