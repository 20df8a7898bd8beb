package dev.ridertrack.localstack;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortConflictTests {

	@Test
	void refusesToStartWhenAPortIsTakenNamingThePortItsHolderAndWhatToDo(@TempDir Path data) throws Exception {
		Stack stack = TestStacks.stack(data, "--infra-only");
		int redisPort = stack.ports().redis();
		try (ServerSocket squatter = new ServerSocket(redisPort, 1, InetAddress.getLoopbackAddress())) {
			assertThatThrownBy(stack::start).isInstanceOf(StackException.class)
				.hasMessageContaining("port " + redisPort + " (Redis) is already taken")
				.hasMessageContaining("by pid " + ProcessHandle.current().pid())
				.hasMessageContaining("--redis HOST:PORT");
		}
		assertThat(stack.allProcesses()).isEmpty();
	}

	@Test
	void aPortLeftInTimeWaitByAClosedConnectionIsFree() throws Exception {
		int port;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				java.net.Socket accepted = server.accept()) {
			port = server.getLocalPort();
			accepted.close();
		}
		assertThat(Ports.isFree(port)).isTrue();
	}

}
