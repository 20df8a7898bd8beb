package dev.ridertrack.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * The whole platform on this machine, in order: brokers, Redis and the MongoDB-compatible
 * server, the catalog's topics, then every service, each its own process; stopped in the
 * reverse order. It owns the one list of running processes, which the control actions
 * (scale, stop, start, kill) change under its lock, and watches them: a process that
 * crashes is restarted by the {@link Supervisor}.
 * <p>
 * How each kind of process is launched and probed is the {@link Launcher}'s; the brokers
 * and topics are the {@link KafkaCluster}'s.
 */
final class Stack {

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(6);

	/**
	 * How old the health in the control API's answer may be: what the 5 s poll it
	 * replaced gave.
	 */
	static final Duration HEALTH_MAX_AGE = Duration.ofSeconds(5);

	private final StackOptions options;

	private final PortLayout ports;

	private final Console console;

	private final Path dataDir;

	private final Launcher launcher;

	private final KafkaCluster kafka;

	private final List<ManagedProcess> infrastructure = new CopyOnWriteArrayList<>();

	private final List<ManagedProcess> services = new CopyOnWriteArrayList<>();

	private final ExecutorService tasks = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "local-stack-task");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "local-stack-monitor");
		thread.setDaemon(true);
		return thread;
	});

	private final StackEvents events = new StackEvents();

	private final Supervisor supervisor;

	private final Runnable shutdownRequest;

	private ControlApi control;

	private volatile Instant startedAt;

	private volatile Duration startupTime;

	private volatile boolean stopped;

	private volatile Endpoints endpoints;

	private final HealthChecks health = new HealthChecks(this::allProcesses, this.tasks, Clock.systemUTC(),
			HEALTH_MAX_AGE);

	/**
	 * A stack, not yet started.
	 * @param options what to run
	 * @param console where every process's output goes
	 * @param environment the orchestrator's environment (for the token secret)
	 * @param shutdownRequest what the control API's shutdown does
	 */
	Stack(StackOptions options, Console console, Map<String, String> environment, Runnable shutdownRequest) {
		this(options, console, environment, shutdownRequest, Supervisor.Policy.DEFAULT);
	}

	Stack(StackOptions options, Console console, Map<String, String> environment, Runnable shutdownRequest,
			Supervisor.Policy restartPolicy) {
		this.shutdownRequest = shutdownRequest;
		this.options = options;
		this.ports = options.ports();
		this.console = console;
		this.dataDir = options.dataDir();
		this.launcher = new Launcher(options, console, environment);
		this.kafka = new KafkaCluster(options, this.launcher, console);
		this.supervisor = new Supervisor(console, restartPolicy, this.monitor, this.tasks, this::launch,
				() -> this.stopped, this.events);
		this.events.onEvent(this::writeRestarts);
	}

	/**
	 * Starts everything and returns when every process is ready. On failure it stops what
	 * it started and throws.
	 */
	void start() {
		this.startedAt = Instant.now();
		try {
			Preflight.prepareDataDirectory(this.options, this.console);
			Preflight.checkPortsFree(this.options);
			this.control = new ControlApi(this, this.shutdownRequest);
			this.control.start(this.ports.control());
			startInfrastructure();
			this.kafka.createTopics();
			this.endpoints = new Endpoints(this.kafka.bootstrapServers(), this.endpoints.redisHost(),
					this.endpoints.redisPort(), this.endpoints.mongoUri(), this.kafka.replication());
			if (!this.options.infraOnly()) {
				startServices();
			}
			this.startupTime = Duration.between(this.startedAt, Instant.now());
			allProcesses().forEach(this.supervisor::watch);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void startInfrastructure() {
		List<ManagedProcess> starting = new ArrayList<>();
		if (this.options.startsBrokers()) {
			starting.addAll(this.kafka.launchBrokers(this::launch));
		}
		else {
			this.console.info("Using the Kafka at " + this.options.kafka());
		}
		String redisHost = this.options.host();
		int redisPort = this.ports.redis();
		if (this.options.startsRedis()) {
			starting.add(launchInfrastructure(this.launcher.redis()));
		}
		else {
			int colon = this.options.redis().lastIndexOf(':');
			redisHost = this.options.redis().substring(0, colon);
			redisPort = Integer.parseInt(this.options.redis().substring(colon + 1));
			this.console.info("Using the Redis at " + this.options.redis());
		}
		String mongoUri = this.options.startsMongo()
				? "mongodb://" + this.options.host() + ":" + this.ports.mongo() + "/ridertrack"
				: this.options.mongodbUri();
		this.endpoints = new Endpoints(null, redisHost, redisPort, mongoUri, null);
		if (this.options.startsMongo()) {
			starting.add(launchInfrastructure(this.launcher.mongo()));
		}
		else {
			this.console.info("Using the MongoDB at " + this.endpoints.redactedMongoUri());
		}
		awaitAll(starting, Duration.ofMinutes(2));
		if (!this.options.startsRedis() && !Ports.redisPong(redisHost, redisPort)) {
			throw new StackException("No Redis answers at " + this.options.redis() + " (--redis)");
		}
	}

	private ManagedProcess launchInfrastructure(ManagedProcess process) {
		this.infrastructure.add(process);
		launch(process);
		return process;
	}

	private void startServices() {
		List<ManagedProcess> starting = new ArrayList<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			ManagedProcess instance = this.launcher.service(service, 1, this.ports.service(service.name()),
					this.endpoints);
			this.services.add(instance);
			starting.add(instance);
		}
		this.console.info("Starting " + starting.size() + " services; each one's log is in "
				+ this.dataDir.resolve("logs") + "/<name>.log");
		starting.forEach(this::launch);
		awaitAll(starting, SERVICE_START_TIMEOUT);
	}

	private void awaitAll(List<ManagedProcess> processes, Duration timeout) {
		List<CompletableFuture<Void>> waits = processes.stream().map((process) -> CompletableFuture.runAsync(() -> {
			Instant begin = Instant.now();
			process.awaitReady(timeout);
			this.console.info(String.format(Locale.ROOT, "%s is ready (%.1f s)", process.name(),
					Duration.between(begin, Instant.now()).toMillis() / 1000.0));
		}, this.tasks)).toList();
		try {
			CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Starts a process unless the stack is stopping: Ctrl-C while starting must not leave
	 * a process behind that {@link #stop()} has already passed by.
	 * @param process a process already in one of the lists that {@link #stop()} goes
	 * through
	 */
	private synchronized void launch(ManagedProcess process) {
		if (this.stopped) {
			throw new StackException("The stack is stopping");
		}
		process.start();
	}

	/**
	 * {@code <data>/run/restarts}: each process's restarts and whether it was given up
	 * on, for {@code ./ridertrack status}, which reads files rather than the control API.
	 */
	private void writeRestarts() {
		StringBuilder text = new StringBuilder();
		for (ManagedProcess process : allProcesses()) {
			Restarts restarts = process.restarts();
			text.append(process.name())
				.append(' ')
				.append(restarts.count())
				.append(' ')
				.append(restarts.gaveUp() ? "gave-up" : process.isAlive() ? "running" : "down")
				.append(' ')
				.append(process.logFile())
				.append('\n');
		}
		try {
			Path file = this.dataDir.resolve("run").resolve(PidFiles.RESTARTS);
			Path temporary = file.resolveSibling(PidFiles.RESTARTS + ".tmp");
			Files.writeString(temporary, text);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			// status then shows no restarts; the control API still has them
		}
	}

	/**
	 * Brings the health of every running process up to date unless it was asked within
	 * {@link #HEALTH_MAX_AGE}: health is asked when read, not on a timer.
	 */
	void refreshHealth() {
		this.health.refresh();
	}

	/**
	 * Stops every process it started: services first, then Redis and MongoDB, brokers
	 * last. Safe to call more than once and from any thread.
	 */
	synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.monitor.shutdownNow();
		Instant begin = Instant.now();
		boolean anyRunning = allProcesses().stream().anyMatch(ManagedProcess::isAlive);
		if (anyRunning) {
			this.console.info("Stopping: services, then Redis and MongoDB, then Kafka");
		}
		stopAll(this.services, Duration.ofSeconds(20));
		stopAll(this.infrastructure, Duration.ofSeconds(15));
		this.kafka.stopBrokers();
		this.tasks.shutdownNow();
		if (this.control != null) {
			this.control.stop();
		}
		new PidFiles(this.dataDir, this.console).removeOrchestrator();
		long left = allProcesses().stream().filter(ManagedProcess::isAlive).count();
		if (!anyRunning) {
			return;
		}
		this.console.info(String.format(Locale.ROOT, "Stopped in %.1f s; %s",
				Duration.between(begin, Instant.now()).toMillis() / 1000.0,
				(left == 0) ? "nothing left running." : left + " processes would not stop!"));
	}

	private static void stopAll(List<ManagedProcess> processes, Duration grace) {
		List<Thread> stoppers = processes.stream().filter(ManagedProcess::isAlive).map((process) -> {
			Thread stopper = new Thread(() -> process.stop(grace), "stop-" + process.name());
			stopper.start();
			return stopper;
		}).toList();
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	List<ManagedProcess> allProcesses() {
		return Stream.of(this.kafka.brokers(), this.infrastructure, this.services).flatMap(List::stream).toList();
	}

	/**
	 * Starts one more instance of a service on a free port: one more member of its
	 * consumer group. Returns at once; the instance joins when it is healthy.
	 * @param serviceName the service
	 * @return the new instance
	 */
	synchronized ManagedProcess addInstance(String serviceName) {
		ServiceDefinition service = ServiceDefinition.named(serviceName)
			.orElseThrow(() -> new IllegalArgumentException("No such service: " + serviceName));
		int next = this.services.stream()
			.filter((p) -> p.service().equals(serviceName))
			.mapToInt(ManagedProcess::instance)
			.max()
			.orElse(0) + 1;
		ManagedProcess instance = this.launcher.service(service, next, Ports.freePort(), this.endpoints);
		this.supervisor.watch(instance);
		this.services.add(instance);
		startInBackground(instance);
		return instance;
	}

	/**
	 * Stops the newest instance of a service gracefully and forgets it: one member fewer
	 * in its consumer group. The first instance stays.
	 * @param serviceName the service
	 * @return the instance removed
	 */
	ManagedProcess removeInstance(String serviceName) {
		ManagedProcess newest;
		synchronized (this) {
			ServiceDefinition.named(serviceName)
				.orElseThrow(() -> new IllegalArgumentException("No such service: " + serviceName));
			newest = this.services.stream()
				.filter((p) -> p.service().equals(serviceName) && p.instance() > 1)
				.max(Comparator.comparingInt(ManagedProcess::instance))
				.orElseThrow(() -> new IllegalStateException(
						serviceName + " has only its first instance; stop it with POST /api/stack/services/"
								+ serviceName + "/1/stop instead"));
			this.services.remove(newest);
		}
		newest.stop(Duration.ofSeconds(30));
		return newest;
	}

	/**
	 * Starts a process someone asked for (the control API), and says when it is ready. A
	 * crash loop given up on starts a new count.
	 * @param process the process
	 */
	void startInBackground(ManagedProcess process) {
		process.restarts().startedByHand();
		launch(process);
		this.tasks.execute(() -> {
			try {
				process.awaitReady(SERVICE_START_TIMEOUT);
				this.console.info(process.name() + " is ready");
			}
			catch (StackException ex) {
				if (!this.stopped && process.state() != ManagedProcess.State.STOPPED) {
					this.console.info(ex.getMessage());
				}
			}
		});
	}

	/**
	 * The broker, Redis or MongoDB process with that name ({@code redis}, {@code mongo}).
	 * @param name the process's name
	 * @return it, if the stack started it
	 */
	Optional<ManagedProcess> infrastructure(String name) {
		return this.infrastructure.stream().filter((p) -> p.name().equals(name)).findFirst();
	}

	Optional<ManagedProcess> find(String service, String instance) {
		return allProcesses().stream()
			.filter((p) -> p.service().equals(service)
					&& (Integer.toString(p.instance()).equals(instance) || p.name().equals(instance)))
			.findFirst();
	}

	Optional<ManagedProcess> broker(int id) {
		return this.kafka.broker(id);
	}

	boolean mongoInMemory() {
		return this.options.startsMongo() && this.options.mongoMemory();
	}

	/**
	 * What a newcomer needs once everything is up.
	 * @return the ready block
	 */
	String readyBlock() {
		return new ReadyBlock(this.options, this.endpoints, this.kafka.describe(), this.services, allProcesses().size(),
				this.startupTime)
			.text();
	}

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	String mongoUri() {
		Endpoints current = this.endpoints;
		return (current != null) ? current.mongoUri() : null;
	}

	String redisAddress() {
		Endpoints current = this.endpoints;
		return (current != null) ? current.redisAddress() : null;
	}

	StackEvents events() {
		return this.events;
	}

	PortLayout ports() {
		return this.ports;
	}

	Path dataDir() {
		return this.dataDir;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	boolean isStopped() {
		return this.stopped;
	}

}
