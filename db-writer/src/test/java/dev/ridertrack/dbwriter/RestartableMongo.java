package dev.ridertrack.dbwriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.ridertrack.testsupport.Infrastructure;

/**
 * A MongoDB-compatible server on an H2 file that a test stops and starts again on the
 * same data, like a restarted mongod. The shared test infrastructure's store cannot be
 * stopped (other test classes use it), and its memory backend would forget everything.
 */
final class RestartableMongo {

	private final Path file;

	private final int port = Infrastructure.freePort();

	private volatile MongoServer server;

	/**
	 * Starts a server on a new file.
	 * @param name what the temporary directory is called after
	 */
	RestartableMongo(String name) {
		try {
			this.file = Files.createTempDirectory(name).resolve("data.mv");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	/** Starts the server again on its file, where it stopped. */
	void start() {
		MongoServer mongo = new MongoServer(new H2Backend(this.file.toString()));
		mongo.bind("127.0.0.1", this.port);
		this.server = mongo;
	}

	/** Stops the server at once; its clients see connections refused. */
	void stop() {
		this.server.shutdownNow();
	}

}
