package dev.ridertrack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka broker (and the stack's Redis and in-memory MongoDB beside it) started by the
 * local stack itself, {@code ridertrack up --infra-only}, in a directory of its own: the
 * benchmarks measure the broker the platform runs on, configured and launched by the one
 * piece of code that does it.
 */
public final class LocalKafka {

	private static final int PORT_BLOCK = 16;

	private final String bootstrap;

	private final ProcessHandle broker;

	private final Path root;

	private LocalKafka(String bootstrap, ProcessHandle broker, Path root) {
		this.bootstrap = bootstrap;
		this.broker = broker;
		this.root = root;
	}

	/**
	 * Starts the local stack's infrastructure and waits until it is ready.
	 * @param processes where the stack's own process is kept (and stopped)
	 * @param root the repository, whose {@code local-stack/target} holds the built stack
	 * @param data the stack's data directory (wiped first)
	 * @return the running broker
	 * @throws Exception if the stack does not come up in two minutes
	 */
	public static LocalKafka start(ChildProcesses processes, Path root, Path data) throws Exception {
		Path target = root.resolve("local-stack/target");
		if (!Files.isDirectory(target.resolve("lib")) || !Files.isDirectory(target.resolve("kafka-lib"))) {
			throw new IllegalStateException(
					"local-stack is not built: ./mvnw -B -q -pl local-stack -am package -DskipTests");
		}
		int ports = freePortBlock();
		CompletableFuture<String> ready = new CompletableFuture<>();
		System.out.println("\n== Kafka broker (KRaft, one process) started by the local stack, ports " + ports + "-"
				+ (ports + PORT_BLOCK - 1) + ", data in " + data);
		Process stack = processes.start(List.of(ChildProcesses.java(), "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				target.resolve("classes") + ":" + target.resolve("lib") + "/*", "dev.ridertrack.localstack.LocalStack",
				"--root", root.toString(), "--data", data.toString(), "--fresh", "--infra-only", "--mongo-memory",
				"--brokers", "1", "--ports-from", Integer.toString(ports)), "local-stack", (line) -> {
					int at = line.indexOf("Kafka bootstrap");
					if (at >= 0) {
						ready.complete(line.substring(at + "Kafka bootstrap".length()).trim().split("\\s+")[0]);
					}
				}, (line) -> line.contains("Could not start"));
		stack.onExit()
			.thenRun(() -> ready.completeExceptionally(
					new IllegalStateException("the local stack exited; see " + data.resolve("logs"))));
		String bootstrap = ready.get(2, TimeUnit.MINUTES);
		awaitAnswer(bootstrap);
		long pid = Long.parseLong(Files.readString(data.resolve("run/kafka-1.pid")).trim());
		ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
		return new LocalKafka(bootstrap, broker, root);
	}

	/**
	 * @return host:port of the broker
	 */
	public String bootstrap() {
		return this.bootstrap;
	}

	/**
	 * @return the broker's CPU time so far, user and system
	 */
	public Optional<Duration> cpu() {
		return this.broker.info().totalCpuDuration();
	}

	/**
	 * The classpath the broker runs on, which also holds Kafka's own tools
	 * ({@code ProducerPerformance}).
	 * @return a java {@code -cp} value
	 */
	public String toolsClasspath() {
		Path target = this.root.resolve("local-stack/target");
		return target.resolve("kafka-lib") + "/*:" + target.resolve("lib") + "/*";
	}

	/**
	 * The stack reports the broker ready when its port answers; on a busy machine the
	 * broker may still take a while to answer an admin call.
	 */
	private static void awaitAnswer(String bootstrap) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
				admin.describeCluster().nodes().get();
				return;
			}
			catch (ExecutionException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the broker at " + bootstrap + " did not answer in 90 s", ex);
				}
			}
		}
	}

	/** Sixteen free ports in a row, as the stack's port layout needs. */
	private static int freePortBlock() throws IOException {
		for (int base = 30000; base < 60000; base += PORT_BLOCK) {
			if (allFree(base)) {
				return base;
			}
		}
		throw new IllegalStateException("no 16 free ports in a row between 30000 and 60000");
	}

	private static boolean allFree(int base) {
		for (int port = base; port < base + PORT_BLOCK; port++) {
			try (ServerSocket socket = new ServerSocket(port)) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
