package dev.ridertrack.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's durable H2 backend, the same MVStore file and the same commits
 * (every second), with what made it slow under the local stack's load taken out (see
 * docs/db-writer.md, "The durable store's cost per fix"):
 * <ul>
 * <li>The stock backend keeps each collection's unique {@code _id} index in a second
 * B-tree beside the documents, which are keyed by {@code _id} already. {@link IdIndex}
 * finds a string id in the document map itself: one B-tree per insert.</li>
 * <li>Other unique indexes live in H2 maps keyed by mongo-java-server's {@link KeyValue},
 * which is not {@link Comparable}: H2's {@link ObjectDataType} orders two keys by
 * Java-serialising both. {@link KeyOrder} computes the same order without serialising, so
 * the keys in a file written by the stock backend stay in order.</li>
 * <li>Documents are kept as their BSON bytes ({@link Collection}, {@link BsonDocuments}),
 * in the pages and in the file, instead of as Java objects written with Java
 * serialisation. (A file written here is not for the stock backend any more; the stock
 * backend's files open here.)</li>
 * </ul>
 */
class DurableBackend extends H2Backend {

	private static final String ID = "_id";

	/**
	 * The store in a file.
	 * @param fileName the H2 file, created if missing
	 */
	DurableBackend(String fileName) {
		super(fileName);
	}

	/**
	 * The store in a file its caller opened (with its own MVStore settings).
	 * @param store the open MVStore
	 */
	DurableBackend(MVStore store) {
		super(store);
	}

	/**
	 * The same store without a file (the stack's {@code --mongo-memory}): everything on
	 * the heap, forgotten on restart. Documents are bytes here too, about 300 bytes of
	 * heap for a fix where mongo-java-server's own memory backend kept about 1.5 KB of
	 * objects.
	 * @return the store
	 */
	static DurableBackend withoutFile() {
		return new DurableBackend(new MVStore.Builder().open());
	}

	/**
	 * Whether a string {@code _id} is found in the document map ({@link IdIndex}) rather
	 * than in an index map of its own, as the stock backend keeps it. A method, not a
	 * field: H2Backend's constructor opens the databases of an existing file already,
	 * before a field of this class could be set.
	 * @return {@code true}; {@code false} only to measure the difference
	 */
	boolean idsInDocuments() {
		return true;
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	/**
	 * H2Database with its unique indexes keyed by {@link KeyOrder}. An inner class:
	 * H2Database opens the indexes in its constructor, before a field of a subclass could
	 * be set, and the store is the backend's.
	 */
	private final class Database extends H2Database {

		Database(String databaseName) {
			super(databaseName, DurableBackend.this.getMvStore(), DurableBackend.this.getCursorRegistry());
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new Collection(this, collectionName, options, documents(getFullCollectionNamespace(collectionName)),
					DurableBackend.this.getCursorRegistry());
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			// the stock backend's map name, so existing files keep their indexes
			String fullName = getFullCollectionNamespace(collectionName);
			MVMap<KeyValue, Object> map = getMvStore().openMap(fullName + "._index_" + indexName,
					new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
			if (idsInDocuments() && keys.size() == 1 && keys.get(0).getKey().equals(ID)) {
				return new IdIndex(documents(fullName), map, indexName, keys, sparse);
			}
			return new UniqueIndex(map, indexName, keys, sparse);
		}

		/**
		 * A collection's documents by {@code _id}: H2Database's map, its values kept as
		 * BSON ({@link BsonDocuments}). MVStore hands out the one open instance to the
		 * collection and to its {@code _id} index alike.
		 */
		private MVMap<Object, Object> documents(String fullName) {
			return getMvStore().openMap("databases." + fullName,
					new MVMap.Builder<Object, Object>().valueType(new BsonDocuments()));
		}

	}

	/**
	 * H2Collection's documents, kept in the map as their BSON bytes: encoded once when
	 * written, decoded each time they are read. The stock backend keeps each document in
	 * its page as a map of Java objects (about 1.3 KB of heap and twenty objects for a
	 * fix of 250 bytes), which MVStore encoded at every save; under the seeds' scenario
	 * the store's page cache held about 300 MB of such objects, and copying them was most
	 * of its GC (issue 14). Bytes also make every read a copy: mongo-java-server updates
	 * a document by first changing, in place, the one it read, which with the stock
	 * backend was the object in the page MVStore's background writer might be encoding (a
	 * {@code ConcurrentModificationException} that closed the store at 20,000 fixes/s).
	 * Documents a stock backend wrote (Java-serialised objects) are still read.
	 */
	private static final class Collection extends AbstractSynchronizedMongoCollection<Object> {

		private final MVMap<Object, Object> documents;

		Collection(MongoDatabase database, String collectionName, CollectionOptions options,
				MVMap<Object, Object> documents, CursorRegistry cursorRegistry) {
			super(database, collectionName, options, cursorRegistry);
			this.documents = documents;
		}

		@Override
		protected Object addDocumentInternal(Document document) {
			Object id = (getIdField() != null) ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
			Object key = Missing.ofNullable(id);
			if (this.documents.putIfAbsent(key, BsonDocuments.encode(document)) != null) {
				throw new IllegalStateException("Document with key '" + id + "' already existed in " + this);
			}
			return key;
		}

		@Override
		protected Document getDocument(Object position) {
			return BsonDocuments.decode(this.documents.get(position));
		}

		@Override
		protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
			this.documents.put(Missing.ofNullable(position), BsonDocuments.encode(newDocument));
		}

		@Override
		protected void removeDocument(Object position) {
			if (this.documents.remove(position) == null) {
				throw new NoSuchElementException("No document with key " + position);
			}
		}

		@Override
		protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
			return this.documents.entrySet()
				.stream()
				.map((entry) -> new DocumentWithPosition<>(BsonDocuments.decode(entry.getValue()), entry.getKey()));
		}

		@Override
		protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Stream<Document> candidates = isNaturalDescending(orderBy)
					? streamAllDocumentsWithPosition()
						.sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
						.map(DocumentWithPosition::getDocument)
					: this.documents.values().stream().map(BsonDocuments::decode);
			return matchDocumentsFromStream(candidates, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

		@Override
		public int count() {
			return this.documents.size();
		}

		@Override
		public boolean isEmpty() {
			return this.documents.isEmpty();
		}

		/**
		 * Not tracked: mongo-java-server would encode every inserted document once more
		 * (and an updated one twice) only to add its size to a counter in the file.
		 * {@code collStats} reports an estimate instead ({@link #getDataSize()}).
		 */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		@Override
		protected void updateDataSize(int sizeDelta) {
		}

		/** The documents' count times their mean encoded size ({@link BsonDocuments}). */
		@Override
		protected int getDataSize() {
			Object valueType = this.documents.getValueType();
			int meanSize = (valueType instanceof BsonDocuments bson) ? bson.meanSize() : 0;
			return (int) Math.min(Integer.MAX_VALUE, (long) count() * meanSize);
		}

	}

	/**
	 * The {@code _id} index of a collection whose ids are strings (every collection of
	 * the stack's services), kept by the collection's document map itself. H2Collection
	 * keys its documents by {@code _id} already; the stock backend keeps a second B-tree
	 * from {@code _id} to {@code _id} beside it, so every insert went into two B-trees
	 * and every commit wrote both, the index's keys Java-serialised. Under the seeds'
	 * scenario that index was about a third of the store's CPU (issue 14,
	 * docs/performance.md). A string id is looked up in the document map; any other id
	 * (numbers, whose {@code 1} and {@code 1.0} are one id to MongoDB, ObjectIds,
	 * documents) goes into the index map as before. A file written by the stock backend
	 * holds every id in the index map: the string ones are dropped from it when it is
	 * opened.
	 */
	private static final class IdIndex extends AbstractUniqueIndex<Object> {

		private final MVMap<Object, Object> documents;

		private final MVMap<KeyValue, Object> others;

		IdIndex(MVMap<Object, Object> documents, MVMap<KeyValue, Object> others, String name, List<IndexKey> keys,
				boolean sparse) {
			super(name, keys, sparse);
			this.documents = documents;
			this.others = others;
			List<KeyValue> strings = new ArrayList<>();
			for (KeyValue key : others.keySet()) {
				if (soleString(key) != null) {
					strings.add(key);
				}
			}
			strings.forEach(others::remove);
		}

		private static String soleString(KeyValue key) {
			return (key.size() == 1 && key.get(0) instanceof String id) ? id : null;
		}

		/**
		 * A string id is in the document map already when this is called (the collection
		 * adds the document first): only the others are checked and added.
		 */
		@Override
		public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
			if (!(document.get(ID) instanceof String)) {
				super.add(document, position, collection);
			}
		}

		@Override
		protected Object getPosition(KeyValue keyValue) {
			String id = soleString(keyValue);
			if (id == null) {
				return this.others.get(keyValue);
			}
			return this.documents.containsKey(id) ? id : null;
		}

		@Override
		protected boolean putKeyPosition(KeyValue keyValue, Object position) {
			return this.others.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
		}

		/** Called before the collection removes the document: its position is its id. */
		@Override
		protected Object removeDocument(KeyValue keyValue) {
			return (soleString(keyValue) != null) ? getPosition(keyValue) : this.others.remove(keyValue);
		}

		@Override
		protected Iterable<Entry<KeyValue, Object>> getIterable() {
			return () -> Stream
				.concat(this.documents.keySet()
					.stream()
					.filter(String.class::isInstance)
					.map((id) -> Map.entry(new KeyValue(id), id)), this.others.entrySet().stream())
				.iterator();
		}

		@Override
		public long getCount() {
			return this.documents.sizeAsLong();
		}

		@Override
		public boolean isEmpty() {
			return this.documents.isEmpty();
		}

		@Override
		public long getDataSize() {
			return getCount();
		}

	}

}
