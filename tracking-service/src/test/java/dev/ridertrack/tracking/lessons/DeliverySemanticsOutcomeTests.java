package dev.ridertrack.tracking.lessons;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliverySemanticsOutcomeTests {

	@Test
	void countsLostAndDuplicatedIdsAgainstWhatWasSent() {
		DeliverySemanticsOutcome outcome = DeliverySemanticsOutcome.count(DeliverySemantics.AT_LEAST_ONCE, 4,
				List.of("a", "b", "c", "d"), Map.of("a", 1, "b", 2, "c", 1), 5, new DeliverySemanticsCrash(2, 1, 1), 3);

		assertThat(outcome.storedOnce()).isEqualTo(2);
		assertThat(outcome.lost()).isEqualTo(1);
		assertThat(outcome.duplicated()).isEqualTo(1);
		assertThat(outcome.redelivered()).isEqualTo(2);
		assertThat(outcome.narrate()).startsWith("at-least-once: the consumer wrote 1 of a batch of 2")
			.contains("1 lost, 1 written twice");
	}

	@Test
	void narratesTheIdempotentSinkSkippingRedeliveries() {
		DeliverySemanticsOutcome outcome = DeliverySemanticsOutcome.count(DeliverySemantics.IDEMPOTENT, 2,
				List.of("a", "b"), Map.of("a", 1, "b", 1), 3, new DeliverySemanticsCrash(2, 1, 0), 2);

		assertThat(outcome.lost()).isZero();
		assertThat(outcome.duplicated()).isZero();
		assertThat(outcome.narrate()).contains("1 redelivered and skipped by the sink")
			.endsWith("(2 distinct stored, 2 on the topic).");
	}

}
