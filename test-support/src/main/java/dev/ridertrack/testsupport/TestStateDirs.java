package dev.ridertrack.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * State directories for {@code TopologyTestDriver}. The driver commits, and so writes and
 * fsyncs a checkpoint file, after every record: on a disk that costs milliseconds per
 * record, on tmpfs ({@code /dev/shm}) nothing.
 */
public final class TestStateDirs {

	private TestStateDirs() {
	}

	/**
	 * A new, empty state directory, on tmpfs where there is one.
	 * @param prefix the start of the directory's name
	 * @return the directory
	 * @throws IOException if it cannot be created
	 */
	public static Path create(String prefix) throws IOException {
		Path shm = Path.of("/dev/shm");
		if (Files.isDirectory(shm) && Files.isWritable(shm)) {
			return Files.createTempDirectory(shm, prefix);
		}
		return Files.createTempDirectory(prefix);
	}

}
