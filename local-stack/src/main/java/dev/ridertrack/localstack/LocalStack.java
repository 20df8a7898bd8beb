package dev.ridertrack.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ridertrack up}: starts the whole platform on this machine and keeps it running
 * until Ctrl-C, SIGTERM ({@code ./ridertrack down}) or {@code POST /api/stack/shutdown}.
 */
public final class LocalStack {

	private LocalStack() {
	}

	public static void main(String[] args) {
		StackOptions options;
		try {
			options = StackOptions.parse(List.of(args), System.getenv(), Path.of("").toAbsolutePath());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println();
			System.err.print(StackOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(StackOptions.USAGE);
			return;
		}
		System.exit(run(options, Console.system(options.verbose())));
	}

	static int run(StackOptions options, Console console) {
		CountDownLatch stopped = new CountDownLatch(1);
		Stack[] holder = new Stack[1];
		Stack stack = new Stack(options, console, System.getenv(), () -> {
			holder[0].stop();
			stopped.countDown();
		});
		holder[0] = stack;
		// Ctrl-C and SIGTERM run this; it stops every process we started, in order.
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
		try {
			stack.start();
		}
		catch (StackException ex) {
			console.info("Could not start the stack:");
			ex.getMessage().lines().forEach(console::info);
			return 1;
		}
		catch (RuntimeException ex) {
			console.info("Could not start the stack: " + ex);
			ex.printStackTrace();
			return 1;
		}
		console.block(stack.readyBlock());
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 0;
	}

}
