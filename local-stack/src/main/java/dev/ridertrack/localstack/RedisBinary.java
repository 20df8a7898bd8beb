package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Which {@code redis-server} to run: the system's if one is on the PATH, otherwise the
 * one shipped inside the embedded-redis jar, extracted once into {@code <data>/bin}.
 */
final class RedisBinary {

	private RedisBinary() {
	}

	static Path find(Path binDir) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(":")) {
				Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return extract(binDir, resourceFor(System.getProperty("os.name"), System.getProperty("os.arch")));
	}

	static String resourceFor(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		boolean arm = osArch.contains("aarch64") || osArch.contains("arm64");
		if (os.contains("linux")) {
			return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
		}
		if (os.contains("mac") || os.contains("darwin")) {
			return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
		}
		throw new StackException("No redis-server on the PATH and none shipped for " + osName + " " + osArch
				+ ". Install Redis, or use one with --redis HOST:PORT.");
	}

	private static Path extract(Path binDir, String resource) {
		Path binary = binDir.resolve(resource);
		try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource)) {
			if (in == null) {
				throw new StackException("The embedded-redis jar with " + resource + " is not on the classpath");
			}
			if (!Files.isExecutable(binary)) {
				Files.createDirectories(binDir);
				Path partial = binDir.resolve(resource + ".part");
				Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
				partial.toFile().setExecutable(true, true);
				Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			return binary;
		}
		catch (IOException ex) {
			throw new StackException("Cannot extract redis-server to " + binDir + ": " + ex.getMessage());
		}
	}

}
