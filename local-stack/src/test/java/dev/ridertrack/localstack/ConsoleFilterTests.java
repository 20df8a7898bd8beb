package dev.ridertrack.localstack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFilterTests {

	@Test
	void showsWarningsAndErrorsWithTheirStackTracesAndHidesInfo() {
		assertThat(shown(new ConsoleFilter(false),
				"21:35:18.505  INFO d.r.eta.EtaServiceApplication    : Starting EtaServiceApplication",
				"21:35:18.509  WARN o.a.k.s.p.i.StateDirectory       : Using an OS temp directory",
				"21:35:19.000 ERROR d.r.d.store.FixWriter            : Could not write 1000 fixes",
				"com.mongodb.MongoSocketException: connection refused",
				"\tat com.mongodb.internal.connection.SocketStream.open(SocketStream.java:80)", "",
				"21:35:20.000  INFO d.r.d.store.FixWriter            : Wrote 1000 fixes", "\tat not.shown(X.java:1)"))
			.containsExactly("21:35:18.509  WARN o.a.k.s.p.i.StateDirectory       : Using an OS temp directory",
					"21:35:19.000 ERROR d.r.d.store.FixWriter            : Could not write 1000 fixes",
					"com.mongodb.MongoSocketException: connection refused",
					"\tat com.mongodb.internal.connection.SocketStream.open(SocketStream.java:80)", "");
	}

	@Test
	void hidesStreamsRestoringFromAChangelogTheBrokerHasNotPublishedYetWithItsException() {
		assertThat(shown(new ConsoleFilter(false),
				"21:35:48.181 ERROR .k.c.a.i.PartitionLeaderStrategy : [AdminClient clientId=eta-service-admin] "
						+ "Received unknown topic error for topic eta-active-orders-by-rider-changelog",
				"",
				"org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host "
						+ "this topic-partition.",
				"",
				"21:35:48.200 ERROR .k.c.a.i.PartitionLeaderStrategy : [AdminClient clientId=db-writer-admin] "
						+ "Received unknown topic error for topic rider-locations"))
			.as("an unknown catalog topic is a real problem")
			.containsExactly("21:35:48.200 ERROR .k.c.a.i.PartitionLeaderStrategy : [AdminClient "
					+ "clientId=db-writer-admin] Received unknown topic error for topic rider-locations");
	}

	@Test
	void hidesTheBrokerRecreatingTheOffsetsTopicItHasNotPublishedYet() {
		assertThat(shown(new ConsoleFilter(false), "22:15:33.407 WARN  DefaultAutoTopicCreationManager: Auto topic "
				+ "creation failed for __consumer_offsets with error 'TOPIC_ALREADY_EXISTS': Topic '__consumer_offsets' "
				+ "already exists."))
			.isEmpty();
	}

	@Test
	void hidesThreeBrokersFindingEachOtherButNotAnOverloadedController() {
		assertThat(shown(new ConsoleFilter(false),
				"22:28:57.703 WARN  NetworkClient: [RaftManager id=2] Connection to node 2 (/127.0.0.1:50571) could not "
						+ "be established. Node may not be available.",
				"22:29:11.771 ERROR ControllerApis: [ControllerApis nodeId=3] Unexpected error handling request "
						+ "RequestHeader(apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=3)",
				"java.util.concurrent.CompletionException: org.apache.kafka.common.errors.NotControllerException: "
						+ "The active controller appears to be node 2.",
				"\tat java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:332)",
				"22:30:28.744 WARN  ReplicaFetcherThread: [ReplicaFetcher replicaId=1, leaderId=3, fetcherId=0] Received "
						+ "UNKNOWN_TOPIC_ID from the leader for partition __consumer_offsets-9. This error may be returned "
						+ "transiently when the partition is being created or deleted",
				"22:30:02.373 ERROR ReplicationControlManager: [QuorumController id=2] processExpiredBrokerHeartbeat: "
						+ "controller event queue overloaded. Timed out heartbeat from broker 1."))
			.containsExactly("22:30:02.373 ERROR ReplicationControlManager: [QuorumController id=2] "
					+ "processExpiredBrokerHeartbeat: controller event queue overloaded. Timed out heartbeat from broker 1.");
	}

	@Test
	void showsTheLoadGeneratorsProgress() {
		String progress = "21:35:44.244  INFO d.r.loadgen.run.ProgressPrinter  :    10s | riders 2,000 | fixes/s 459";
		assertThat(shown(new ConsoleFilter(false), progress)).containsExactly(progress);
	}

	@Test
	void hidesRedisStartUpBannerButShowsItsProblems() {
		assertThat(shown(new ConsoleFilter(false), "30132:C 05 Dec 2026 21:35:02.937 # oO0OoO0OoO0Oo Redis is starting",
				"30132:M 05 Dec 2026 21:35:02.946 # WARNING Memory overcommit must be enabled! Without it...",
				"30132:M 05 Dec 2026 21:35:02.946 * Ready to accept connections",
				"30132:M 05 Dec 2026 21:36:02.000 # Failed opening the RDB file dump.rdb (in server root dir /x)"))
			.containsExactly(
					"30132:M 05 Dec 2026 21:36:02.000 # Failed opening the RDB file dump.rdb (in server root dir /x)");
	}

	@Test
	void showsAJvmThatCannotStartEvenAfterHiddenLines() {
		assertThat(shown(new ConsoleFilter(false), "mongo-java-server listening on 127.0.0.1:27017",
				"Error: Unable to access jarfile /x/db-writer.jar",
				"21:35:18.505  INFO d.r.eta.EtaServiceApplication    : Starting",
				"Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"))
			.containsExactly("Error: Unable to access jarfile /x/db-writer.jar",
					"Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
	}

	@Test
	void showsEverythingWhenVerbose() {
		assertThat(shown(new ConsoleFilter(true), "21:35:18.505  INFO a : b", "mongo-java-server listening"))
			.hasSize(2);
	}

	private static List<String> shown(ConsoleFilter filter, String... lines) {
		return java.util.Arrays.stream(lines).filter(filter::show).toList();
	}

}
