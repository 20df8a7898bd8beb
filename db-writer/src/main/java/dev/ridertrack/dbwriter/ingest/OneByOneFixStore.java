package dev.ridertrack.dbwriter.ingest;

import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import dev.ridertrack.events.RiderLocation;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * The naive baseline: one {@code insertOne} (one round trip, one write command) per fix.
 * Still idempotent: a duplicate key is skipped.
 */
class OneByOneFixStore implements FixStore {

	private final MongoCollection<BsonDocument> fixes;

	OneByOneFixStore(MongoCollection<Document> fixes) {
		this.fixes = fixes.withDocumentClass(BsonDocument.class);
	}

	@Override
	public int write(List<RiderLocation> batch) {
		int duplicates = 0;
		for (RiderLocation fix : batch) {
			try {
				this.fixes.insertOne(FixDocuments.toDocument(fix, FixDocuments.RIDER_SEQ));
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				duplicates++;
			}
		}
		return duplicates;
	}

}
