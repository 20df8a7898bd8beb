package dev.ridertrack.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port checks: is a port free, is something answering on it, and, when it is taken, who
 * holds it (from {@code /proc}, where this user may look).
 */
final class Ports {

	private Ports() {
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// as servers bind: a closed connection's TIME_WAIT on the port is no
			// obstacle, a
			// listener is
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new StackException("No free port: " + ex.getMessage());
		}
	}

	static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether a Redis answers PING on a port.
	 * @param host its host
	 * @param port its port
	 * @return whether it said PONG
	 */
	static boolean redisPong(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[16];
			int read = in.read(buffer);
			return read > 0 && new String(buffer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Describes who listens on a port, if this user can see it.
	 * @param port the port
	 * @return e.g. {@code pid 1234 (java -jar kafka.jar ...)}
	 */
	static Optional<String> owner(int port) {
		String hexPort = String.format(":%04X ", port);
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] fields = line.trim().split("\\s+");
					// fields: sl local rem st ... inode(9); st 0A = LISTEN
					if (fields.length > 9 && (fields[1] + " ").endsWith(hexPort) && "0A".equals(fields[3])) {
						Optional<String> holder = processWithSocket(fields[9]);
						if (holder.isPresent()) {
							return holder;
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// not Linux, or not allowed to look: say nothing rather than guess
			}
		}
		return Optional.empty();
	}

	private static Optional<String> processWithSocket(String inode) throws IOException {
		String target = "socket:[" + inode + "]";
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path proc : procs) {
				try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
					for (Path fd : fds) {
						if (target.equals(Files.readSymbolicLink(fd).toString())) {
							return Optional.of("pid " + proc.getFileName() + " (" + commandLine(proc) + ")");
						}
					}
				}
				catch (IOException | SecurityException ex) {
					// another user's process
				}
			}
		}
		return Optional.empty();
	}

	private static String commandLine(Path proc) throws IOException {
		String line = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ')
			.trim();
		return (line.length() > 100) ? line.substring(0, 100) + "..." : line;
	}

}
