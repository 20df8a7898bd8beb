package dev.ridertrack.loadgen.run;

import dev.ridertrack.events.RiderLocation;

/**
 * Where the riders' fixes go: straight to Kafka or through location-producer.
 */
interface FixSink extends AutoCloseable {

	/**
	 * Sends a fix; blocks when too much is in flight, so a slow receiver slows the run
	 * down instead of filling the heap.
	 * @param rider the rider's index
	 * @param fix the fix
	 */
	void send(int rider, RiderLocation fix);

	/** Waits until every fix sent so far is acknowledged or has failed. */
	void flush();

	@Override
	void close();

}
