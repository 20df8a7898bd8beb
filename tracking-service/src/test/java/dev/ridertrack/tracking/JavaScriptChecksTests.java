package dev.ridertrack.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' scripts ({@code src/main/resources/static/assets}) checked in the build:
 * their unit tests ({@code src/test/js}, Node's own test runner), ESLint and Prettier,
 * with the tools {@code npm ci --prefix tracking-service/src/test/browser} installs.
 * Skipped, saying why, where Node or those tools are missing: {@code ./mvnw verify}
 * promises only a JDK; CI installs both, so there the checks run.
 */
class JavaScriptChecksTests {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static final Path TOOLS = MODULE.resolve("src/test/browser");

	private static final Path NODE_MODULES = TOOLS.resolve("node_modules");

	private static final String INSTALL = "npm ci --prefix tracking-service/src/test/browser";

	@BeforeEach
	void nodeAndToolsAreInstalled() {
		String version = nodeVersion();
		Assumptions.assumeTrue(version != null,
				"SKIPPED: node not found (install Node.js 20.19 or newer, then " + INSTALL + ")");
		Matcher semver = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(version);
		// 20.19 is the first Node 20 to load the assets' .js files as ES modules without
		// a package.json
		Assumptions.assumeTrue(
				semver.find() && (Integer.parseInt(semver.group(1)) > 20
						|| (Integer.parseInt(semver.group(1)) == 20 && Integer.parseInt(semver.group(2)) >= 19)),
				"SKIPPED: node " + version + " is older than 20.19");
		Assumptions.assumeTrue(
				Files.isDirectory(NODE_MODULES.resolve("eslint"))
						&& Files.isDirectory(NODE_MODULES.resolve("prettier")),
				"SKIPPED: eslint and prettier missing (" + INSTALL + ")");
	}

	@Test
	void unitTestsOfThePagesScriptsPass() throws Exception {
		List<String> command = new ArrayList<>(List.of("node", "--test"));
		try (Stream<Path> files = Files.walk(MODULE.resolve("src/test/js"))) {
			files.filter((file) -> file.getFileName().toString().matches(".*[.\\-_]test\\.[cm]?js"))
				.map((file) -> MODULE.relativize(file).toString())
				.sorted()
				.forEach(command::add);
		}
		assertThat(command).as("test files under src/test/js").hasSizeGreaterThan(2);
		Result result = run(command);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).as(result.output()).containsPattern("# pass [1-9]").contains("# fail 0");
	}

	@Test
	void pagesScriptsPassEslint() throws Exception {
		Result result = run(List.of("node", NODE_MODULES.resolve("eslint/bin/eslint.js").toString(), "-c",
				"src/test/browser/eslint.config.mjs", "--max-warnings", "0", "src/main/resources/static/assets",
				"src/test/js"));
		assertThat(result.exitCode())
			.as("ESLint (fix, or see why: npm run lint --prefix src/test/browser)\n%s", result.output())
			.isZero();
	}

	@Test
	void pagesScriptsAreFormattedByPrettier() throws Exception {
		Result result = run(List.of("node", NODE_MODULES.resolve("prettier/bin/prettier.cjs").toString(), "--config",
				"src/test/browser/.prettierrc.json", "--check", "src/main/resources/static/assets/**/*.js",
				"src/test/js/**/*.{js,mjs}"));
		assertThat(result.exitCode())
			.as("Prettier (format with: npm run format --prefix src/test/browser)\n%s", result.output())
			.isZero();
	}

	private static String nodeVersion() {
		try {
			Result result = run(List.of("node", "--version"));
			return (result.exitCode() == 0) ? result.output().trim() : null;
		}
		catch (IOException | InterruptedException ex) {
			return null;
		}
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return new Result(-1, "timed out: " + String.join(" ", command) + "\n" + output);
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
