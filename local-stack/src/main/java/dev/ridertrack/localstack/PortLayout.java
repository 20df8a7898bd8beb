package dev.ridertrack.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which port each process of the stack listens on. The usual layout is the one in the
 * README; {@link #from(int)} packs the same processes into a block of
 * {@value #BLOCK_SIZE} ports so a second stack (a test run) never meets the first.
 *
 * @param kafkaBase client port of broker 1; broker n listens on
 * {@code kafkaBase + 2(n-1)} and its controller on the port after it
 * @param redis Redis
 * @param mongo the MongoDB-compatible server
 * @param control the local stack's control API
 * @param services each service's first instance
 */
record PortLayout(int kafkaBase, int redis, int mongo, int control, Map<String, Integer> services) {

	/** Ports a {@link #from(int) packed} layout takes. */
	static final int BLOCK_SIZE = 16;

	static PortLayout defaults() {
		Map<String, Integer> services = new LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			services.put(service.name(), service.defaultPort());
		}
		return new PortLayout(9092, 6379, 27017, 8090, services);
	}

	static PortLayout from(int first) {
		Map<String, Integer> services = new LinkedHashMap<>();
		int port = first + 10;
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			services.put(service.name(), port++);
		}
		return new PortLayout(first, first + 6, first + 7, first + 8, services);
	}

	/**
	 * The client port of a broker.
	 * @param nodeId the broker's node id, from 1
	 * @return its PLAINTEXT port
	 */
	int broker(int nodeId) {
		return this.kafkaBase + 2 * (nodeId - 1);
	}

	/**
	 * The KRaft controller port of a broker (combined roles).
	 * @param nodeId the broker's node id, from 1
	 * @return its CONTROLLER port
	 */
	int controller(int nodeId) {
		return broker(nodeId) + 1;
	}

	int service(String name) {
		Integer port = this.services.get(name);
		if (port == null) {
			throw new IllegalArgumentException("No such service: " + name);
		}
		return port;
	}

}
