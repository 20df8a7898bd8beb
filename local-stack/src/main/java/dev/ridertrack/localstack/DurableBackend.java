package dev.ridertrack.localstack;

import java.util.List;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's durable H2 backend, the same file and the same commits, with its
 * unique indexes (every collection's {@code _id}) made cheap.
 * <p>
 * The stock backend keeps a unique index in an H2 {@code MVMap} keyed by
 * mongo-java-server's {@link KeyValue}. {@code KeyValue} is not {@link Comparable}, so
 * H2's {@link ObjectDataType} orders two keys by Java-serialising both and comparing the
 * bytes: every step of every B-tree search builds two {@code ObjectOutputStream}s, and an
 * insert searches the {@code _id} index three times. Profiled under the local stack's
 * load, that was the store's largest single cost (see docs/db-writer.md).
 * {@link KeyOrder} computes the same order without serialising (so the keys already in a
 * file written by the stock backend stay in order, and such a file opens unchanged): the
 * index's map is the only thing that differs.
 */
final class DurableBackend extends H2Backend {

	DurableBackend(String fileName) {
		super(fileName);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	/**
	 * H2Database with its unique indexes keyed by {@link KeyOrder}. An inner class: H2Database
	 * opens the indexes in its constructor, before a field of a subclass could be set, and
	 * the store is the backend's.
	 */
	private final class Database extends H2Database {

		Database(String databaseName) {
			super(databaseName, DurableBackend.this.getMvStore(), DurableBackend.this.getCursorRegistry());
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			// the stock backend's map name, so existing files keep their indexes
			String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
			MVMap<KeyValue, Object> map = getMvStore().openMap(mapName,
					new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
			return new UniqueIndex(map, indexName, keys, sparse);
		}

	}

	/**
	 * The order H2's {@link ObjectDataType} gives serialised {@code KeyValue}s, computed
	 * directly for the common key: one string of ASCII characters (1 to 127), such as
	 * {@code "rider-000042:1187"}. Java serialisation writes every such key as the same
	 * prefix (the class descriptors of {@code KeyValue} and {@code ArrayList}), then the
	 * string as a two-byte length and its bytes; H2 compares the bytes unsigned. So the
	 * order is: shorter first, then by characters. Any other key (numbers, ObjectIds,
	 * compound keys, other characters) is compared as before, by serialising;
	 * {@code DurableBackendTests} checks both paths against {@code ObjectDataType}.
	 * Serialisation to the file is inherited: the bytes on disk are the stock ones.
	 */
	static final class KeyOrder extends ObjectDataType {

		@Override
		public int compare(Object a, Object b) {
			if (a instanceof KeyValue x && b instanceof KeyValue y) {
				String s = soleAsciiString(x);
				String t = (s != null) ? soleAsciiString(y) : null;
				if (t != null) {
					int byLength = Integer.compare(s.length(), t.length());
					return (byLength != 0) ? byLength : Integer.signum(s.compareTo(t));
				}
			}
			return super.compare(a, b);
		}

		private static String soleAsciiString(KeyValue key) {
			if (key.size() != 1 || !(key.get(0) instanceof String value) || value.length() > 0xFFFF) {
				return null;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == 0 || c > 0x7F) {
					return null;
				}
			}
			return value;
		}

	}

	/**
	 * mongo-java-server's {@code H2UniqueIndex}, whose constructor is not public: the same
	 * map operations.
	 */
	private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

		private final MVMap<KeyValue, Object> map;

		UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
			super(name, keys, sparse);
			this.map = map;
		}

		@Override
		protected Object removeDocument(KeyValue keyValue) {
			return this.map.remove(keyValue);
		}

		@Override
		protected boolean putKeyPosition(KeyValue keyValue, Object position) {
			return this.map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
		}

		@Override
		protected Iterable<Entry<KeyValue, Object>> getIterable() {
			return this.map.entrySet();
		}

		@Override
		protected Object getPosition(KeyValue keyValue) {
			return this.map.get(keyValue);
		}

		@Override
		public long getCount() {
			return this.map.sizeAsLong();
		}

		@Override
		public boolean isEmpty() {
			return this.map.isEmpty();
		}

		@Override
		public long getDataSize() {
			return getCount();
		}

	}

}
