package dev.ridertrack.producer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ridertrack.events.RiderLocation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * How the publisher turns Kafka's answers, or their absence, into the request's outcome.
 */
class LocationPublisherTests {

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, RiderLocation> kafka = mock(KafkaTemplate.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private LocationPublisher publisher(int maxInFlight, Duration ackTimeout) {
		LocationPublisher publisher = new LocationPublisher(
				this.kafka, new IngestProperties(500, DataSize.ofKilobytes(256), Duration.ofHours(24),
						Duration.ofSeconds(30), ackTimeout, maxInFlight, Duration.ofSeconds(1)),
				new IngestMetrics(this.meters));
		publisher.connect();
		return publisher;
	}

	@Test
	void turnsRequestsAwayWithoutSendingUntilThePartitionsAreKnown() {
		CompletableFuture<Void> kafkaUp = new CompletableFuture<>();
		given(this.kafka.partitionsFor(any())).willAnswer((invocation) -> {
			if (!kafkaUp.isDone()) {
				throw new TimeoutException("not present in metadata after 2000 ms");
			}
			return List.of();
		});
		// stubbed before the publisher starts its partition lookup thread: Mockito's
		// stubbing is not safe while another thread calls the mock
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(CompletableFuture.completedFuture(null));
		LocationPublisher publisher = publisher(8, Duration.ofSeconds(5));

		assertThatThrownBy(() -> publisher.publish(fixes(1))).isInstanceOf(IngestRejectedException.class)
			.hasMessageContaining("not known yet");
		kafkaUp.complete(null);
		await().ignoreException(IngestRejectedException.class)
			.untilAsserted(() -> assertThat(publisher.publish(fixes(1))).isCompletedWithValue(1));
		verify(this.kafka, times(1)).send(any(ProducerRecord.class));
	}

	@Test
	void looksThePartitionsUpAgainAfterASendFoundThemMissing() {
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.failedFuture(new TimeoutException("not present in metadata after 2000 ms")))
			.willReturn(CompletableFuture.completedFuture(null));
		LocationPublisher publisher = publisher(8, Duration.ofSeconds(5));

		assertThat(publisher.publish(fixes(1))).isCompletedExceptionally();
		await().ignoreException(IngestRejectedException.class)
			.untilAsserted(() -> assertThat(publisher.publish(fixes(1))).isCompletedWithValue(1));
		verify(this.kafka, times(2)).partitionsFor(any());
	}

	private static List<RiderLocation> fixes(int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((seq) -> new RiderLocation("rider-1", seq, null, 1, 1, 1, 1, 1, Instant.now()))
			.toList();
	}

	@Test
	void completesOnlyWhenEveryFixIsAcknowledged() {
		CompletableFuture<SendResult<String, RiderLocation>> first = new CompletableFuture<>();
		CompletableFuture<SendResult<String, RiderLocation>> second = new CompletableFuture<>();
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(first, second);
		CompletableFuture<Integer> result = publisher(10, Duration.ofSeconds(5)).publish(fixes(2));
		first.complete(null);
		assertThat(result).isNotDone();
		second.complete(null);
		assertThat(result).isCompletedWithValue(2);
		assertThat(this.meters.get("ridertrack.ingest.accepted").counter().count()).isEqualTo(2);
	}

	@Test
	void failsTheWholeRequestWhenOneFixIsNotAcknowledged() {
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(CompletableFuture.completedFuture(null),
				new CompletableFuture<>() {
					{
						completeExceptionally(new org.apache.kafka.common.errors.NotEnoughReplicasException("isr"));
					}
				});
		CompletableFuture<Integer> result = publisher(10, Duration.ofSeconds(5)).publish(fixes(2));
		assertThat(rejection(result).reason()).isEqualTo("kafka-unavailable");
		assertThat(this.meters.get("ridertrack.ingest.accepted").counter().count()).isZero();
	}

	@Test
	void stopsSendingABatchOnceASendHasFailed() {
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(CompletableFuture
			.failedFuture(new org.apache.kafka.common.errors.TimeoutException("no metadata after 2000 ms")));
		CompletableFuture<Integer> result = publisher(10, Duration.ofSeconds(5)).publish(fixes(200));
		assertThat(rejection(result).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		verify(this.kafka, times(1)).send(any(ProducerRecord.class));
	}

	@Test
	void givesUpAfterTheAckTimeout() {
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(new CompletableFuture<>());
		CompletableFuture<Integer> result = publisher(10, Duration.ofMillis(200)).publish(fixes(1));
		await().atMost(Duration.ofSeconds(5)).until(result::isDone);
		IngestRejectedException rejection = rejection(result);
		assertThat(rejection.reason()).isEqualTo("kafka-timeout");
		assertThat(rejection.getHeaders().getFirst("Retry-After")).isEqualTo("1");
	}

	@Test
	void turnsAwayRequestsBeyondTheInFlightLimitAtOnce() {
		CompletableFuture<SendResult<String, RiderLocation>> pending = new CompletableFuture<>();
		given(this.kafka.send(any(ProducerRecord.class))).willReturn(pending, CompletableFuture.completedFuture(null));
		LocationPublisher publisher = publisher(1, Duration.ofSeconds(5));
		CompletableFuture<Integer> first = publisher.publish(fixes(1));
		assertThat(this.meters.get("ridertrack.ingest.inflight").gauge().value()).isEqualTo(1);
		assertThatThrownBy(() -> publisher.publish(fixes(1))).isInstanceOfSatisfying(IngestRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo("overloaded"));
		pending.complete(null);
		assertThat(first).isCompletedWithValue(1);
		assertThat(publisher.publish(fixes(1))).isCompletedWithValue(1);
		assertThat(this.meters.get("ridertrack.ingest.inflight").gauge().value()).isZero();
	}

	private static IngestRejectedException rejection(CompletableFuture<Integer> result) {
		assertThat(result).isCompletedExceptionally();
		Throwable error = result.handle((value, ex) -> ex).join();
		if (error instanceof CompletionException && error.getCause() != null) {
			error = error.getCause();
		}
		assertThat(error).isInstanceOf(IngestRejectedException.class);
		return (IngestRejectedException) error;
	}

}
