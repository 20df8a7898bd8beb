package dev.ridertrack.platform.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store on a hash map, for a store that is read by key on every
 * record. Kafka Streams' own in-memory store is a sorted map: with 100,000 riders each
 * lookup walked about seventeen levels of a tree comparing byte arrays, a fifth of
 * eta-service's stream thread under the seeds' scenario (issue 14). Here a lookup is one
 * hash (the {@link Bytes} key's, computed once) and one comparison.
 * <p>
 * Changelogging, restoration and the serdes come from the store builder as for any store.
 * What a hash map cannot do cheaply is order: {@link #all()}, the ranges and
 * {@link #prefixScan} copy and sort the matching entries, so they suit a start-up or an
 * occasional query, not a per-record path. Interactive queries by {@code query()} are not
 * offered (the store answers that it does not know them), and its {@link Position} stays
 * empty.
 */
public final class HashKeyValueStore implements KeyValueStore<Bytes, byte[]> {

	private static final Comparator<Map.Entry<Bytes, byte[]>> BY_KEY = Map.Entry.comparingByKey();

	private final String name;

	private final Map<Bytes, byte[]> entries = new HashMap<>();

	private final Position position = Position.emptyPosition();

	private volatile boolean open;

	private HashKeyValueStore(String name) {
		this.name = name;
	}

	/**
	 * A supplier for {@code Stores.keyValueStoreBuilder} or {@code Materialized.as}.
	 * @param name the store's name
	 * @return the supplier
	 */
	public static KeyValueBytesStoreSupplier supplier(String name) {
		return new KeyValueBytesStoreSupplier() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public KeyValueStore<Bytes, byte[]> get() {
				return new HashKeyValueStore(name);
			}

			@Override
			public String metricsScope() {
				return "in-memory";
			}

		};
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void init(StateStoreContext context, StateStore root) {
		if (root != null) {
			context.register(root, (key, value) -> put(Bytes.wrap(key), value));
		}
		this.open = true;
	}

	@Override
	public boolean persistent() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public Position getPosition() {
		return this.position;
	}

	@Override
	public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
		return QueryResult.forUnknownQueryType(query, this);
	}

	@Override
	public synchronized byte[] get(Bytes key) {
		return this.entries.get(key);
	}

	@Override
	public synchronized void put(Bytes key, byte[] value) {
		if (value == null) {
			this.entries.remove(key);
		}
		else {
			this.entries.put(key, value);
		}
	}

	@Override
	public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
		byte[] current = this.entries.get(key);
		if (current == null) {
			put(key, value);
		}
		return current;
	}

	@Override
	public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
		for (KeyValue<Bytes, byte[]> entry : entries) {
			put(entry.key, entry.value);
		}
	}

	@Override
	public synchronized byte[] delete(Bytes key) {
		return this.entries.remove(key);
	}

	@Override
	public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
		return sorted((key) -> inRange(key, from, to), false);
	}

	@Override
	public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
		return sorted((key) -> inRange(key, from, to), true);
	}

	@Override
	public KeyValueIterator<Bytes, byte[]> all() {
		return sorted((key) -> true, false);
	}

	@Override
	public KeyValueIterator<Bytes, byte[]> reverseAll() {
		return sorted((key) -> true, true);
	}

	@Override
	public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, S prefixSerializer) {
		byte[] start = prefixSerializer.serialize(null, prefix);
		return sorted((key) -> key.get().length >= start.length
				&& Arrays.equals(key.get(), 0, start.length, start, 0, start.length), false);
	}

	@Override
	public synchronized long approximateNumEntries() {
		return this.entries.size();
	}

	@Override
	public synchronized void close() {
		this.entries.clear();
		this.open = false;
	}

	private static boolean inRange(Bytes key, Bytes from, Bytes to) {
		return (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
	}

	/**
	 * A snapshot of the matching entries in key order, so writes during iteration are
	 * safe.
	 */
	private synchronized KeyValueIterator<Bytes, byte[]> sorted(Predicate<Bytes> wanted, boolean reverse) {
		List<Map.Entry<Bytes, byte[]>> matches = new ArrayList<>();
		for (Map.Entry<Bytes, byte[]> entry : this.entries.entrySet()) {
			if (wanted.test(entry.getKey())) {
				matches.add(Map.entry(entry.getKey(), entry.getValue()));
			}
		}
		matches.sort(reverse ? BY_KEY.reversed() : BY_KEY);
		return new SnapshotIterator(matches.iterator());
	}

	private static final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {

		private final Iterator<Map.Entry<Bytes, byte[]>> entries;

		private Map.Entry<Bytes, byte[]> next;

		SnapshotIterator(Iterator<Map.Entry<Bytes, byte[]>> entries) {
			this.entries = entries;
			advance();
		}

		private void advance() {
			this.next = this.entries.hasNext() ? this.entries.next() : null;
		}

		@Override
		public boolean hasNext() {
			return this.next != null;
		}

		@Override
		public KeyValue<Bytes, byte[]> next() {
			if (this.next == null) {
				throw new NoSuchElementException();
			}
			KeyValue<Bytes, byte[]> current = KeyValue.pair(this.next.getKey(), this.next.getValue());
			advance();
			return current;
		}

		@Override
		public Bytes peekNextKey() {
			if (this.next == null) {
				throw new NoSuchElementException();
			}
			return this.next.getKey();
		}

		@Override
		public void close() {
		}

	}

}
