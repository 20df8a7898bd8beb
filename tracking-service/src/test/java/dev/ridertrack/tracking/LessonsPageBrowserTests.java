package dev.ridertrack.tracking;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs lesson 1 from the Kafka page's Lessons tab in headless Chromium (driven by
 * {@code src/test/browser/lessons-check.mjs}) on the embedded broker: the learner sets 5
 * consumers with the page's stepper, the narration names the idle one, the assignment
 * strip shows 4 partitions over 4 members and one idle, and Reset empties the lesson.
 * Screenshots go to {@code target/screenshots/}. Needs {@code /usr/bin/chromium} (or
 * {@code CHROMIUM}), {@code node} and
 * {@code npm install --prefix tracking-service/src/test/browser}; says which is missing
 * and is skipped otherwise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure
@ActiveProfiles("test")
class LessonsPageBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void lessonOneRunFromThePageNamesTheIdleConsumer() throws Exception {
		Path browserDir = Path.of("src/test/browser").toAbsolutePath();
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		Assumptions.assumeTrue(new File(chromium).canExecute(),
				"SKIPPED: headless Chromium not found at " + chromium + " (apt-get install -y chromium)");
		Assumptions.assumeTrue(Files.isDirectory(browserDir.resolve("node_modules/playwright-core")),
				"SKIPPED: playwright-core missing (npm install --prefix tracking-service/src/test/browser)");
		Path out = Path.of("target/screenshots").toAbsolutePath();
		Process node = new ProcessBuilder("node", "lessons-check.mjs", "http://127.0.0.1:" + this.port, "test-operator",
				out.toString())
			.directory(browserDir.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes());
		boolean finished = node.waitFor(4, TimeUnit.MINUTES);
		System.out.println(output);
		assertThat(finished).as("browser check finished").isTrue();
		assertThat(node.exitValue()).as(output).isZero();
		assertThat(output).contains("LESSONS CHECK: 4 partitions over 4 members, 1 idle");
		for (String shot : List.of("kafka-lessons-start.png", "kafka-lessons-joining.png", "kafka-lessons.png",
				"kafka-lessons-reset.png")) {
			assertThat(out.resolve(shot)).exists();
		}
	}

}
