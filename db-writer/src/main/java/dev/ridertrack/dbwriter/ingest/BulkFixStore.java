package dev.ridertrack.dbwriter.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import dev.ridertrack.events.RiderLocation;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * One unordered {@code insertMany} per batch. Unordered, so a duplicate does not stop the
 * rest: MongoDB inserts every other document and reports the duplicates (code 11000),
 * which are fixes written before, i.e. success. The server's inserted count is not used
 * (mongo-java-server reports it wrong on duplicates); the duplicates are counted from the
 * errors.
 */
class BulkFixStore implements FixStore {

	private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

	private final MongoCollection<BsonDocument> fixes;

	private final Function<RiderLocation, String> ids;

	/**
	 * A store of one document per fix.
	 * @param fixes the collection
	 * @param ids a fix's {@code _id} (see {@link FixDocuments})
	 */
	BulkFixStore(MongoCollection<Document> fixes, Function<RiderLocation, String> ids) {
		this.fixes = fixes.withDocumentClass(BsonDocument.class);
		this.ids = ids;
	}

	@Override
	public int write(List<RiderLocation> fixes) {
		if (fixes.isEmpty()) {
			return 0;
		}
		List<BsonDocument> batch = new ArrayList<>(fixes.size());
		for (RiderLocation fix : fixes) {
			batch.add(FixDocuments.toDocument(fix, this.ids));
		}
		try {
			this.fixes.insertMany(batch, UNORDERED);
			return 0;
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteConcernError() != null
					|| !ex.getWriteErrors().stream().allMatch(BulkFixStore::isDuplicate)) {
				throw ex;
			}
			return ex.getWriteErrors().size();
		}
	}

	private static boolean isDuplicate(BulkWriteError error) {
		return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
	}

}
