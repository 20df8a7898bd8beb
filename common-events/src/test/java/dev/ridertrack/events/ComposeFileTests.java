package dev.ridertrack.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml must run the same platform as the local stack: the catalog's topics
 * with replication 3, every service, scalable services without fixed names or ports.
 */
class ComposeFileTests {

	private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

	private static final List<String> SERVICES = List.of("tracking-service", "location-producer", "eta-service",
			"analytics-service", "db-writer", "load-generator");

	private static final List<String> SCALABLE = List.of("eta-service", "analytics-service", "db-writer");

	@Test
	void topicInitCreatesEveryCatalogTopicWithItsLayout() throws IOException {
		String script = String.join("\n", service("topic-init").get("command").toString());
		Pattern create = Pattern.compile("create (\\S+) (\\d+) (\\d+) (\\S+)");
		List<String> created = new ArrayList<>();
		Matcher matcher = create.matcher(script);
		while (matcher.find()) {
			created.add(String.join(" ", matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
		}
		List<String> expected = Topics.all()
			.stream()
			.map((topic) -> String.join(" ", topic.name(), Integer.toString(topic.partitions()),
					topic.config(2).get("retention.ms"), topic.config(2).get("compression.type")))
			.toList();
		assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(script).contains("--replication-factor 3").contains("min.insync.replicas=2");
	}

	@Test
	void everyServiceRunsAgainstTheThreeBrokerClusterWithTheSameEnvironmentNames() throws IOException {
		for (String name : SERVICES) {
			Map<String, Object> environment = map(service(name).get("environment"));
			assertThat(environment).as(name)
				.containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATA_REDIS_HOST", "SPRING_MONGODB_URI",
						"RIDERTRACK_TOPICS_REPLICATION_FACTOR", "RIDERTRACK_TOPICS_MIN_INSYNC_REPLICAS", "SERVER_PORT")
				.containsEntry("RIDERTRACK_TOPICS_REPLICATION_FACTOR", 3);
			assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").toString()).contains("kafka-1", "kafka-2",
					"kafka-3");
			assertThat(service(name)).as(name).containsKey("healthcheck").containsKey("build");
		}
	}

	@Test
	void scalableServicesHaveNoFixedContainerNameOrHostPort() throws IOException {
		for (String name : SCALABLE) {
			assertThat(service(name)).as(name).doesNotContainKeys("container_name", "ports");
		}
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose is not installed (CI installs it)");
		Process process = new ProcessBuilder("docker-compose", "-f", COMPOSE_FILE.toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null
				&& List.of(path.split(":")).stream().anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	private static Map<String, Object> service(String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			Map<String, Object> services = map(compose.get("services"));
			assertThat(services).containsKey(name);
			return map(services.get(name));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
