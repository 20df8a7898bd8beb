package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackOptionsTests {

	private static final Path CWD = Path.of("/home/dev/ridertrack");

	@Test
	void defaultsToOneBrokerGentleLoadDurableMongoAndDataInTheRepository() {
		StackOptions options = parse();
		assertThat(options.brokers()).isEqualTo(1);
		assertThat(options.riders()).isEqualTo(2000);
		assertThat(options.mongoMemory()).isFalse();
		assertThat(options.dataDir()).isEqualTo(CWD.resolve("data"));
		assertThat(options.startsBrokers()).isTrue();
		assertThat(options.startsRedis()).isTrue();
		assertThat(options.startsMongo()).isTrue();
		assertThat(options.ports()).isEqualTo(PortLayout.defaults());
	}

	@Test
	void readsEveryOption() {
		StackOptions options = parse("up", "--brokers", "3", "--riders=10000", "--data", "other", "--fresh",
				"--mongo-memory", "--kafka", "kafka.example:9092", "--redis", "redis.example:6380", "--ports-from",
				"20000", "--jvm-opts", "-Xmx512m -XX:+UseG1GC", "--infra-only", "--no-build", "--verbose");
		assertThat(options.brokers()).isEqualTo(3);
		assertThat(options.riders()).isEqualTo(10000);
		assertThat(options.dataDir()).isEqualTo(CWD.resolve("other"));
		assertThat(options.fresh()).isTrue();
		assertThat(options.mongoMemory()).isTrue();
		assertThat(options.kafka()).isEqualTo("kafka.example:9092");
		assertThat(options.startsBrokers()).isFalse();
		assertThat(options.redis()).isEqualTo("redis.example:6380");
		assertThat(options.ports()).isEqualTo(PortLayout.from(20000));
		assertThat(options.serviceJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
		assertThat(options.infraOnly()).isTrue();
		assertThat(options.verbose()).isTrue();
	}

	@Test
	void usesTheMongoDbFromTheEnvironment() {
		StackOptions options = StackOptions.parse(List.of(), Map.of("MONGODB_URI", "mongodb://db:27017/rt"), CWD);
		assertThat(options.mongodbUri()).isEqualTo("mongodb://db:27017/rt");
		assertThat(options.startsMongo()).isFalse();
	}

	@Test
	void takesThePortBlockFromTheEnvironment() {
		StackOptions options = StackOptions.parse(List.of(), Map.of("RIDERTRACK_PORTS_FROM", "30000"), CWD);
		assertThat(options.ports().kafkaBase()).isEqualTo(30000);
	}

	@Test
	void rejectsWhatItCannotRunWithAMessageSayingWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--brokers", "2")).withMessageContaining("1 or 3");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--riders", "many"))
			.withMessageContaining("must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--kafka", "localhost"))
			.withMessageContaining("HOST:PORT");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--mongodb", "db:27017"))
			.withMessageContaining("mongodb://");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--data")).withMessageContaining("needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--borkers", "3"))
			.withMessageContaining("Unknown option --borkers");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--ports-from", "80"))
			.withMessageContaining("between 1024");
	}

	private static StackOptions parse(String... args) {
		return StackOptions.parse(List.of(args), Map.of(), CWD);
	}

}
