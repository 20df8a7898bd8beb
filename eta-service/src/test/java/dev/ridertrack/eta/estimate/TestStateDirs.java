package dev.ridertrack.eta.estimate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * State directories for {@code TopologyTestDriver}. The driver commits, and so writes and
 * fsyncs a checkpoint file, after every record: on a disk that costs milliseconds per
 * record, on tmpfs ({@code /dev/shm}) nothing.
 */
final class TestStateDirs {

	private TestStateDirs() {
	}

	static Path create(String prefix) throws IOException {
		Path shm = Path.of("/dev/shm");
		if (Files.isDirectory(shm) && Files.isWritable(shm)) {
			return Files.createTempDirectory(shm, prefix);
		}
		return Files.createTempDirectory(prefix);
	}

}
