package dev.ridertrack.dbwriter.ingest;

import java.util.List;

import dev.ridertrack.events.RiderLocation;

/**
 * Writes a batch of fixes. Returns only when MongoDB has acknowledged every one (a
 * duplicate counts as written: it is there already); throws otherwise, and the caller
 * retries the whole batch.
 */
interface FixStore {

	/**
	 * Writes the batch.
	 * @param fixes complete fixes (rider and time set)
	 * @return how many were already there (duplicates skipped)
	 */
	int write(List<RiderLocation> fixes);

}
