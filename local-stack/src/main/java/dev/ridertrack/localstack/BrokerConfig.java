package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code server.properties} of one broker of the local cluster: KRaft with combined
 * broker and controller roles, a static controller quorum of every broker, and internal
 * topics replicated like the catalog's (1 on one broker; 3 with
 * {@code min.insync.replicas=2} on three).
 *
 * @param nodeId this broker's node id, from 1
 * @param brokers the number of brokers in the cluster
 * @param ports where every broker listens
 * @param advertisedHost the host clients are told to connect to
 * @param logDir where this broker keeps its partitions
 */
record BrokerConfig(int nodeId, int brokers, PortLayout ports, String advertisedHost, Path logDir) {

	/** The address brokers bind to: this machine only, as the stack has no security. */
	static final String BIND_ADDRESS = "127.0.0.1";

	/**
	 * Share groups (KIP-932): Kafka 4.2's format enables {@code share.version=1} by
	 * default; the stack asks for it at format time anyway, so the lessons' share group
	 * never depends on a default.
	 */
	static final String SHARE_GROUPS_FEATURE = "share.version=1";

	/**
	 * The broker JVM's options. Kafka's own scripts give a broker a 1 GB heap and G1,
	 * sized for a broker host; on a laptop that runs the whole platform the serial
	 * collector is cheaper (no concurrent refinement or marking threads, no region
	 * bookkeeping), and the broker's heap holds only requests in flight and metadata: the
	 * records live in the page cache. C2 stays on: the broker's per-record work (CRC,
	 * lz4, validation) is what a fast compiler pays back (issue 14). Quiet while idle, as
	 * every JVM of the stack ({@link ServiceDefinition#QUIET_JVM}).
	 */
	static final List<String> JVM_OPTIONS = ServiceDefinition.quiet("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC");

	int replicationFactor() {
		return Replication.forBrokers(this.brokers).factor();
	}

	int minInsyncReplicas() {
		return Replication.forBrokers(this.brokers).minInsyncReplicas();
	}

	Map<String, String> properties() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", Integer.toString(this.nodeId));
		p.put("controller.quorum.voters",
				IntStream.rangeClosed(1, this.brokers)
					.mapToObj((id) -> id + "@" + BIND_ADDRESS + ":" + this.ports.controller(id))
					.collect(Collectors.joining(",")));
		p.put("listeners", "PLAINTEXT://" + BIND_ADDRESS + ":" + this.ports.broker(this.nodeId) + ",CONTROLLER://"
				+ BIND_ADDRESS + ":" + this.ports.controller(this.nodeId));
		p.put("advertised.listeners", "PLAINTEXT://" + this.advertisedHost + ":" + this.ports.broker(this.nodeId));
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("controller.listener.names", "CONTROLLER");
		p.put("log.dirs", this.logDir.toAbsolutePath().toString());
		// Topics come from the catalog, never from a typo in a client.
		p.put("auto.create.topics.enable", "false");
		String replication = Integer.toString(replicationFactor());
		String minIsr = Integer.toString(minInsyncReplicas());
		p.put("default.replication.factor", replication);
		p.put("min.insync.replicas", minIsr);
		p.put("offsets.topic.replication.factor", replication);
		p.put("offsets.topic.num.partitions", "12");
		p.put("transaction.state.log.replication.factor", replication);
		p.put("transaction.state.log.min.isr", minIsr);
		p.put("share.coordinator.state.topic.replication.factor", replication);
		p.put("share.coordinator.state.topic.min.isr", minIsr);
		// A developer's consumer group should start at once, not after three seconds.
		p.put("group.initial.rebalance.delay.ms", "0");
		p.put("num.partitions", "1");
		// The retention lesson watches expired segments go: look for them every 10 s, not
		// Kafka's 5 minutes (the check is cheap).
		p.put("log.retention.check.interval.ms", "10000");
		smallBox(p);
		return p;
	}

	/**
	 * Sized for a laptop that runs the whole platform, not a broker host (issue 14):
	 * fewer request threads (they wait on queues; each costs memory and wake-ups), and
	 * followers that wait longer in an idle fetch. A follower's fetch is answered as soon
	 * as the leader appends ({@code replica.fetch.min.bytes} 1), so {@code acks=all}
	 * latency is unchanged; only an idle cluster fetches four times less often (it was
	 * most of the three brokers' idle CPU). The active controller writes a no-op record
	 * to the metadata log when nothing else happened, so that a stuck controller shows:
	 * every 5 s here instead of Kafka's 0.5 s, as each one is a metadata-log append (and,
	 * with three brokers, a replication round of the KRaft quorum) that an idle stack
	 * paid twice a second.
	 */
	private void smallBox(Map<String, String> p) {
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "4");
		p.put("background.threads", "4");
		p.put("num.recovery.threads.per.data.dir", "1");
		p.put("metadata.max.idle.interval.ms", "5000");
		if (this.brokers > 1) {
			p.put("replica.fetch.wait.max.ms", "2000");
		}
	}

	/**
	 * The file's text.
	 * @return {@code server.properties} content
	 */
	String render() {
		return "# Written by the RiderTrack local stack on every start; edits are overwritten.\n"
				+ properties().entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining("\n", "", "\n"));
	}

	/**
	 * Log4j 2 configuration for the broker: warnings, plus the lines that say it is up,
	 * on standard output (which the stack prefixes and copies to the log file).
	 * @return {@code log4j2.properties} content
	 */
	static String log4j2() {
		return """
				appender.out.type = Console
				appender.out.name = out
				appender.out.target = SYSTEM_OUT
				appender.out.layout.type = PatternLayout
				appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n
				rootLogger.level = WARN
				rootLogger.appenderRef.out.ref = out
				logger.raft.name = kafka.server.KafkaRaftServer
				logger.raft.level = INFO
				logger.state.name = state.change.logger
				logger.state.level = WARN
				""";
	}

}
