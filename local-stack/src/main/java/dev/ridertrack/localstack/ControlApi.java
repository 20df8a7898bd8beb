package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's control API, small on purpose (the JDK's HTTP server, JSON out):
 * <ul>
 * <li>{@code GET /api/stack}: every process with its kind, pid, port, state, uptime,
 * health and restarts</li>
 * <li>{@code GET /api/stack/events}: crashes, restarts and crash loops given up on,
 * oldest first (for a timeline)</li>
 * <li>{@code POST /api/stack/services/{name}/instances}: one more instance of a service
 * (one more member of its consumer group)</li>
 * <li>{@code DELETE /api/stack/services/{name}/instances}: one instance fewer (the newest
 * stops gracefully and is forgotten; the first one stays)</li>
 * <li>{@code POST /api/stack/services/{name}/{instance}/stop|start|kill}: {@code kill} is
 * SIGKILL, a crash for the group, not a graceful stop; asked for, so not restarted (a
 * {@code kill -9} from outside is restarted)</li>
 * <li>{@code POST /api/stack/brokers/{id}/stop|start|kill}: for failover demos</li>
 * <li>{@code POST /api/stack/infrastructure/{mongo|redis}/stop|start|kill}: the database
 * away for a while (the lessons' buffer demo)</li>
 * <li>{@code POST /api/stack/shutdown}: the same as Ctrl-C</li>
 * </ul>
 */
final class ControlApi {

	private final Stack stack;

	private final Runnable shutdown;

	private final JsonMapper json = JsonMapper.builder().build();

	private HttpServer server;

	ControlApi(Stack stack, Runnable shutdown) {
		this.stack = stack;
		this.shutdown = shutdown;
	}

	void start(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
		}
		catch (IOException ex) {
			throw new StackException("Cannot open the control API on port " + port + ": " + ex.getMessage());
		}
		this.server.setExecutor(Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "control-api");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/api/stack", this::handle);
		this.server.start();
	}

	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			route(exchange, exchange.getRequestMethod(), segments(exchange.getRequestURI().getPath()));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			respond(exchange, 400, Map.of("error", String.valueOf(ex.getMessage())));
		}
		catch (RuntimeException ex) {
			respond(exchange, 500, Map.of("error", String.valueOf(ex.getMessage())));
		}
		finally {
			exchange.close();
		}
	}

	private static List<String> segments(String path) {
		// "/api/stack/services/eta-service/2/stop" -> [services, eta-service, 2, stop]
		String rest = path.replaceFirst("^/api/stack/?", "").replaceAll("/+$", "");
		return rest.isEmpty() ? List.of() : List.of(rest.split("/"));
	}

	private void route(HttpExchange exchange, String method, List<String> path) throws IOException {
		if (path.isEmpty() && method.equals("GET")) {
			respond(exchange, 200, describe());
		}
		else if (path.equals(List.of("events")) && method.equals("GET")) {
			respond(exchange, 200, Map.of("events", this.stack.events().all()));
		}
		else if (path.equals(List.of("shutdown")) && method.equals("POST")) {
			respond(exchange, 202, Map.of("status", "stopping"));
			Thread stopper = new Thread(this.shutdown, "control-api-shutdown");
			stopper.start();
		}
		else if (path.size() == 3 && path.get(0).equals("services") && path.get(2).equals("instances")
				&& method.equals("POST")) {
			respond(exchange, 202, describe(this.stack.addInstance(path.get(1))));
		}
		else if (path.size() == 3 && path.get(0).equals("services") && path.get(2).equals("instances")
				&& method.equals("DELETE")) {
			respond(exchange, 200, describe(this.stack.removeInstance(path.get(1))));
		}
		else if (path.size() == 3 && path.get(0).equals("infrastructure") && method.equals("POST")) {
			control(exchange, this.stack.infrastructure(path.get(1)).orElse(null), path.get(2),
					"No process " + path.get(1) + " started by this stack (redis, mongo)");
		}
		else if (path.size() == 4 && path.get(0).equals("services") && method.equals("POST")) {
			ManagedProcess process = this.stack.find(path.get(1), path.get(2))
				.filter((p) -> p.kind() == ManagedProcess.Kind.SERVICE)
				.orElse(null);
			control(exchange, process, path.get(3), "No instance " + path.get(2) + " of " + path.get(1));
		}
		else if (path.size() == 3 && path.get(0).equals("brokers") && method.equals("POST")) {
			ManagedProcess broker = path.get(1).matches("\\d+")
					? this.stack.broker(Integer.parseInt(path.get(1))).orElse(null) : null;
			control(exchange, broker, path.get(2), "No broker " + path.get(1));
		}
		else {
			respond(exchange, 404, Map.of("error", method + " " + exchange.getRequestURI().getPath() + " is not here",
					"try",
					List.of("GET /api/stack", "GET /api/stack/events", "POST /api/stack/services/{name}/instances",
							"DELETE /api/stack/services/{name}/instances",
							"POST /api/stack/services/{name}/{instance}/stop|start|kill",
							"POST /api/stack/brokers/{id}/stop|start|kill",
							"POST /api/stack/infrastructure/{mongo|redis}/stop|start|kill",
							"POST /api/stack/shutdown")));
		}
	}

	private void control(HttpExchange exchange, ManagedProcess process, String action, String notFound)
			throws IOException {
		if (process == null) {
			respond(exchange, 404, Map.of("error", notFound));
			return;
		}
		switch (action) {
			case "stop" -> {
				process.stop(java.time.Duration.ofSeconds(30));
				respond(exchange, 200, describe(process));
			}
			case "kill" -> {
				process.kill();
				respond(exchange, 200, describe(process));
			}
			case "start" -> {
				this.stack.startInBackground(process);
				respond(exchange, 202, describe(process));
			}
			default -> respond(exchange, 404, Map.of("error", "Use stop, start or kill, not " + action));
		}
	}

	Map<String, Object> describe() {
		this.stack.refreshHealth();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("startedAt", String.valueOf(this.stack.startedAt()));
		body.put("kafkaBootstrapServers", this.stack.bootstrapServers());
		body.put("redis", this.stack.redisAddress());
		body.put("mongoInMemory", this.stack.mongoInMemory());
		body.put("processes", this.stack.allProcesses().stream().map(ControlApi::describe).toList());
		return body;
	}

	static Map<String, Object> describe(ManagedProcess process) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", process.name());
		entry.put("kind", process.kind().name().toLowerCase(java.util.Locale.ROOT));
		entry.put("service", process.service());
		entry.put("instance", process.instance());
		entry.put("pid", process.pid());
		entry.put("port", process.port());
		entry.put("state", process.state().name().toLowerCase(java.util.Locale.ROOT));
		entry.put("uptimeSeconds", process.uptime().toSeconds());
		entry.put("health", !process.isAlive() ? "DOWN" : process.healthy() ? "UP" : "UNKNOWN");
		entry.put("exitCode", process.exitCode());
		entry.put("log", process.logFile().toString());
		// added for the supervisor; the fields above are what the lessons read
		Restarts restarts = process.restarts();
		entry.put("restarts", restarts.count());
		entry.put("lastCrashAt", (restarts.lastCrashAt() != null) ? restarts.lastCrashAt().toString() : null);
		entry.put("lastRestartAt", (restarts.lastRestartAt() != null) ? restarts.lastRestartAt().toString() : null);
		entry.put("lastDowntimeSeconds", (restarts.lastDowntime() != null)
				? Math.round(restarts.lastDowntime().toMillis() / 100.0) / 10.0 : null);
		entry.put("gaveUp", restarts.gaveUp());
		return entry;
	}

	private void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writerWithDefaultPrettyPrinter()
			.writeValueAsString(body)
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
