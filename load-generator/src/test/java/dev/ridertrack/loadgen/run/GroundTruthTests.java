package dev.ridertrack.loadgen.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.loadgen.city.DeliveredOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTests {

	@TempDir
	Path dir;

	@Test
	void keepsTheLatestOrdersNewestLastAndAppendsEveryOneToTheFile() throws Exception {
		Path file = this.dir.resolve("truth/orders.jsonl");
		try (GroundTruth truth = new GroundTruth(3, file)) {
			for (int n = 1; n <= 5; n++) {
				truth.add(order(n));
			}
			assertThat(truth.recent(10)).extracting(DeliveredOrder::orderId)
				.containsExactly("order-3", "order-4", "order-5");
			assertThat(truth.recent(2)).extracting(DeliveredOrder::orderId).containsExactly("order-4", "order-5");
		}
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(5);
		DeliveredOrder first = EventJson.mapper().readValue(lines.get(0), DeliveredOrder.class);
		assertThat(first).isEqualTo(order(1));
		assertThat(first.routeMeters()).isEqualTo(3000);
		assertThat(first.deliverySeconds()).isEqualTo(600);
	}

	private static DeliveredOrder order(int n) {
		Instant t = Instant.parse("2026-11-22T07:00:00Z").plusSeconds(n * 3600L);
		return new DeliveredOrder("order-" + n, "rider-000001", "restaurant-1", "customer-1-2", t, t.plusSeconds(20),
				t.plusSeconds(300), t.plusSeconds(600), t.plusSeconds(1100), t.plusSeconds(1200), 1000, 2000);
	}

}
