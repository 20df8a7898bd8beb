package dev.ridertrack.localstack;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortLayoutTests {

	@Test
	void usualLayoutIsTheOneInTheReadme() {
		PortLayout ports = PortLayout.defaults();
		assertThat(List.of(ports.broker(1), ports.broker(2), ports.broker(3))).containsExactly(9092, 9094, 9096);
		assertThat(List.of(ports.controller(1), ports.controller(2), ports.controller(3))).containsExactly(9093, 9095,
				9097);
		assertThat(ports.redis()).isEqualTo(6379);
		assertThat(ports.mongo()).isEqualTo(27017);
		assertThat(ports.control()).isEqualTo(8090);
		assertThat(ports.service("tracking-service")).isEqualTo(8080);
		assertThat(ports.service("location-producer")).isEqualTo(8081);
		assertThat(ports.service("eta-service")).isEqualTo(8082);
		assertThat(ports.service("analytics-service")).isEqualTo(8083);
		assertThat(ports.service("db-writer")).isEqualTo(8084);
		assertThat(ports.service("load-generator")).isEqualTo(8085);
	}

	@Test
	void packedLayoutUsesDistinctPortsInsideItsBlock() {
		PortLayout ports = PortLayout.from(40000);
		List<Integer> all = new ArrayList<>();
		for (int id = 1; id <= 3; id++) {
			all.add(ports.broker(id));
			all.add(ports.controller(id));
		}
		all.addAll(List.of(ports.redis(), ports.mongo(), ports.control()));
		all.addAll(ports.services().values());
		assertThat(all).doesNotHaveDuplicates()
			.hasSize(15)
			.allSatisfy((port) -> assertThat(port).isBetween(40000, 40000 + PortLayout.BLOCK_SIZE - 1));
	}

}
