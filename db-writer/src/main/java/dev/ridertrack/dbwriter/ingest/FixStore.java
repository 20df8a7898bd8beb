package dev.ridertrack.dbwriter.ingest;

import java.util.List;

import org.bson.Document;

/**
 * Writes a batch of fix documents. Returns only when MongoDB has acknowledged every one
 * (a duplicate counts as written: it is there already); throws otherwise, and the caller
 * retries the whole batch.
 */
interface FixStore {

	/**
	 * Writes the batch.
	 * @param fixes the fix documents
	 * @return how many were already there (duplicates skipped)
	 */
	int write(List<Document> fixes);

}
