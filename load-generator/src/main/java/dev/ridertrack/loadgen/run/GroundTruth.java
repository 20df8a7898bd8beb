package dev.ridertrack.loadgen.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.ridertrack.events.EventJson;
import dev.ridertrack.loadgen.city.DeliveredOrder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The most recent delivered orders as they really happened, and optionally every one of
 * them in a JSON-lines file, to check ETAs and analytics against.
 */
final class GroundTruth implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(GroundTruth.class);

	private final int size;

	private final Deque<DeliveredOrder> recent = new ArrayDeque<>();

	private final Path file;

	private BufferedWriter writer;

	GroundTruth(int size, Path file) {
		this.size = Math.max(1, size);
		this.file = file;
	}

	synchronized void add(DeliveredOrder order) {
		if (this.recent.size() >= this.size) {
			this.recent.removeFirst();
		}
		this.recent.addLast(order);
		if (this.file != null) {
			write(order);
		}
	}

	/**
	 * The latest delivered orders, newest last.
	 * @param limit how many at most
	 * @return the orders
	 */
	synchronized List<DeliveredOrder> recent(int limit) {
		List<DeliveredOrder> all = new ArrayList<>(this.recent);
		return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size()));
	}

	private void write(DeliveredOrder order) {
		try {
			if (this.writer == null) {
				Path parent = this.file.toAbsolutePath().getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				this.writer = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			this.writer.write(EventJson.mapper().writeValueAsString(order));
			this.writer.newLine();
			this.writer.flush();
		}
		catch (IOException ex) {
			logger.warn("Could not write ground truth to " + this.file + ": " + ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.writer != null) {
			try {
				this.writer.close();
			}
			catch (IOException ex) {
				logger.warn("Could not close " + this.file + ": " + ex);
			}
			this.writer = null;
		}
	}

}
