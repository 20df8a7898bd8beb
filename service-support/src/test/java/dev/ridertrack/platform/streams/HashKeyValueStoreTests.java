package dev.ridertrack.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HashKeyValueStore}: lookups by key, and the ordered reads a hash map has to
 * sort.
 */
class HashKeyValueStoreTests {

	private final KeyValueStore<Bytes, byte[]> store = HashKeyValueStore.supplier("riders").get();

	@Test
	void keepsTheNewestValueOfAKeyAndForgetsADeletedOrNullOne() {
		this.store.put(key("rider-1"), value("a"));
		this.store.put(key("rider-1"), value("b"));
		this.store.put(key("rider-2"), value("c"));
		assertThat(this.store.get(key("rider-1"))).isEqualTo(value("b"));
		assertThat(this.store.putIfAbsent(key("rider-2"), value("d"))).isEqualTo(value("c"));
		assertThat(this.store.putIfAbsent(key("rider-3"), value("e"))).isNull();
		assertThat(this.store.delete(key("rider-2"))).isEqualTo(value("c"));
		this.store.put(key("rider-3"), null);
		assertThat(this.store.get(key("rider-2"))).isNull();
		assertThat(this.store.get(key("rider-3"))).isNull();
		assertThat(this.store.approximateNumEntries()).isEqualTo(1);
	}

	@Test
	void readsEveryKeyAndEveryRangeInKeyOrder() {
		this.store.putAll(List.of(KeyValue.pair(key("c"), value("3")), KeyValue.pair(key("a"), value("1")),
				KeyValue.pair(key("d"), value("4")), KeyValue.pair(key("b"), value("2"))));
		assertThat(keys(this.store.all())).containsExactly("a", "b", "c", "d");
		assertThat(keys(this.store.reverseAll())).containsExactly("d", "c", "b", "a");
		assertThat(keys(this.store.range(key("b"), key("c")))).containsExactly("b", "c");
		assertThat(keys(this.store.reverseRange(key("b"), null))).containsExactly("d", "c", "b");
	}

	@Test
	void findsTheKeysThatStartWithAPrefix() {
		this.store.put(key("zone-1@10"), value("x"));
		this.store.put(key("zone-1@20"), value("y"));
		this.store.put(key("zone-2@10"), value("z"));
		this.store.put(key("zone"), value("w"));
		assertThat(keys(this.store.prefixScan("zone-1@", new StringSerializer()))).containsExactly("zone-1@10",
				"zone-1@20");
	}

	@Test
	void anIteratorIsASnapshotThatWritesDoNotDisturb() {
		this.store.put(key("a"), value("1"));
		this.store.put(key("b"), value("2"));
		try (KeyValueIterator<Bytes, byte[]> all = this.store.all()) {
			this.store.delete(key("a"));
			this.store.put(key("c"), value("3"));
			assertThat(all.peekNextKey()).isEqualTo(key("a"));
			List<String> seen = new ArrayList<>();
			all.forEachRemaining((entry) -> seen.add(new String(entry.key.get(), StandardCharsets.UTF_8)));
			assertThat(seen).containsExactly("a", "b");
		}
	}

	private static List<String> keys(KeyValueIterator<Bytes, byte[]> iterator) {
		List<String> keys = new ArrayList<>();
		try (iterator) {
			iterator.forEachRemaining((entry) -> keys.add(new String(entry.key.get(), StandardCharsets.UTF_8)));
		}
		return keys;
	}

	private static Bytes key(String key) {
		return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] value(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
