package dev.ridertrack.loadgen.run;

import java.net.URI;
import java.time.Instant;

import dev.ridertrack.events.RiderLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rider's app that buffers fixes uploads them as one batch once it has collected
 * {@code upload-every} of them, and uploads what is left when the run ends.
 */
class LocationProducerClientTests {

	private final HttpModeIntegrationTests.StubProducer producer = HttpModeIntegrationTests.StubProducer.start();

	@AfterEach
	void stop() {
		this.producer.server.stop(0);
	}

	@Test
	void uploadsEveryThirdFixAsOneBatchAndTheRestAtTheEnd() {
		LoadStats stats = new LoadStats();
		LocationProducerClient client = new LocationProducerClient(
				URI.create("http://127.0.0.1:" + this.producer.port()), HttpModeIntegrationTests.SECRET, 8, 3, stats);
		for (int seq = 0; seq < 9; seq++) {
			client.send(1, fix("rider-000001", seq));
		}
		for (int seq = 0; seq < 4; seq++) {
			client.send(2, fix("rider-000002", seq));
		}
		client.close();

		assertThat(this.producer.rejected.get()).isZero();
		assertThat(this.producer.seqs.get("rider-000001")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		assertThat(this.producer.seqs.get("rider-000002")).containsExactly(0L, 1L, 2L, 3L);
		// rider 1 uploads at seq 2, 5, 8: three batches of three (a batch waiting behind
		// one in flight joins the next request); rider 2 at its own phase, seq 1: one
		// batch of two, then the rest at the end
		assertThat(this.producer.requests.get()).isBetween(3L, 5L);
		assertThat(stats.fixesSent.sum()).isEqualTo(13);
	}

	private static RiderLocation fix(String riderId, long seq) {
		return new RiderLocation(riderId, seq, null, 19.05, 72.85, 5, 90, 5, Instant.now());
	}

}
