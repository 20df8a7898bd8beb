package dev.ridertrack.analytics.zones;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import dev.ridertrack.events.Zones;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A task's open {@link ZoneSlice slices} as objects, saved to a changelogged store only
 * when the task commits.
 * <p>
 * The slicer changes a slice with every fix. Putting it into a store each time serialised
 * the slice and its rider set and went through the record cache for every fix: a fifth of
 * analytics' CPU at 20,000 fixes/s (issue 14). What a crash must not lose is only what a
 * commit has acknowledged, and Kafka Streams flushes every store's cache just before it
 * commits: this store, wrapped around the real one, writes each slice changed since the
 * last commit (and removes each one passed on since) at that moment, then lets the real
 * store's cache go to its changelog. A fix costs a map lookup; a commit costs one put per
 * open slice. After a restart the slices are read back from the restored store
 * ({@link #load()}), exactly as the last commit left them.
 * <p>
 * The hook, {@code flushCache}, belongs to Kafka Streams' internal
 * {@link WrappedStateStore}: the public API gives a processor no call before a commit. If
 * a Kafka Streams upgrade stops calling it, {@code OpenSlicesRestartIntegrationTests}
 * fails: it counts fixes that were still in open slices when the service stopped. The
 * puts run in the commit, with the record context of the task's last record or
 * punctuation: a slice is changed only by one of those, so a task with something to save
 * always has one.
 */
final class OpenSlices extends WrappedStateStore<KeyValueStore<String, ZoneSlice>, String, ZoneSlice> {

	private final Map<Key, ZoneSlice> open = new HashMap<>();

	private final Set<Key> saved = new HashSet<>();

	OpenSlices(KeyValueStore<String, ZoneSlice> store) {
		super(store);
	}

	/**
	 * The store as the topology adds it: in memory, cached and changelogged.
	 * @param name the store's name
	 * @return its builder
	 */
	static StoreBuilder<OpenSlices> builder(String name) {
		return new Builder(
				Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), ZoneSlice.SERDE)
					.withCachingEnabled());
	}

	/** Forget what is in memory and read the slices the store holds (after a restore). */
	void load() {
		this.open.clear();
		this.saved.clear();
		try (KeyValueIterator<String, ZoneSlice> all = wrapped().all()) {
			all.forEachRemaining((slice) -> {
				Key key = Key.parse(slice.key);
				this.open.put(key, slice.value);
				this.saved.add(key);
			});
		}
	}

	/**
	 * The open slice for a key, a new one if there is none. The caller changes it; it is
	 * saved at the next commit.
	 * @param key zone and slice start
	 * @param at event time of the fix that opens it, if it is new
	 * @return the slice
	 */
	ZoneSlice slice(Key key, long at) {
		ZoneSlice slice = this.open.get(key);
		if (slice == null) {
			slice = new ZoneSlice(new ZoneAggregate(), at);
			this.open.put(key, slice);
		}
		slice.unsaved = true;
		return slice;
	}

	/**
	 * Every open slice, by key.
	 * @return the slices (read only)
	 */
	Map<Key, ZoneSlice> open() {
		return Collections.unmodifiableMap(this.open);
	}

	/** Close every open slice: they have been passed on. */
	void passedOn() {
		this.open.clear();
	}

	@Override
	public void flushCache() {
		for (Iterator<Key> saved = this.saved.iterator(); saved.hasNext();) {
			Key key = saved.next();
			if (!this.open.containsKey(key)) {
				wrapped().delete(key.toString());
				saved.remove();
			}
		}
		for (Map.Entry<Key, ZoneSlice> slice : this.open.entrySet()) {
			if (slice.getValue().unsaved) {
				wrapped().put(slice.getKey().toString(), slice.getValue());
				slice.getValue().unsaved = false;
				this.saved.add(slice.getKey());
			}
		}
		super.flushCache();
	}

	/**
	 * A slice's zone and start. The store keeps it as {@code zone@start}; in memory the
	 * zone is its geohash's bits ({@link Zones#zoneCell}), so a fix builds no string, and
	 * the hash spreads: the strings' own hash codes made the map's buckets long enough to
	 * become trees, with 1,216 zones open at once under the seeds' scenario (issue 14).
	 *
	 * @param cell the zone's cell
	 * @param start the slice's start, epoch milliseconds
	 */
	record Key(int cell, long start) {

		static Key parse(String key) {
			int at = key.indexOf('@');
			return new Key(Zones.zoneCell(key.substring(0, at)), Long.parseLong(key.substring(at + 1)));
		}

		@Override
		public String toString() {
			return Zones.zoneId(this.cell) + '@' + this.start;
		}

	}

	/**
	 * Builds the real store and wraps it; everything else is the real store's builder.
	 */
	private record Builder(StoreBuilder<KeyValueStore<String, ZoneSlice>> store) implements StoreBuilder<OpenSlices> {

		@Override
		public StoreBuilder<OpenSlices> withCachingEnabled() {
			return new Builder(this.store.withCachingEnabled());
		}

		@Override
		public StoreBuilder<OpenSlices> withCachingDisabled() {
			return new Builder(this.store.withCachingDisabled());
		}

		@Override
		public StoreBuilder<OpenSlices> withLoggingEnabled(Map<String, String> config) {
			return new Builder(this.store.withLoggingEnabled(config));
		}

		@Override
		public StoreBuilder<OpenSlices> withLoggingDisabled() {
			return new Builder(this.store.withLoggingDisabled());
		}

		@Override
		public OpenSlices build() {
			return new OpenSlices(this.store.build());
		}

		@Override
		public Map<String, String> logConfig() {
			return this.store.logConfig();
		}

		@Override
		public boolean loggingEnabled() {
			return this.store.loggingEnabled();
		}

		@Override
		public String name() {
			return this.store.name();
		}

	}

}
