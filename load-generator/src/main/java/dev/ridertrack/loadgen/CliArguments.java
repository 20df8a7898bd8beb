package dev.ridertrack.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the command line's short flags ({@code --riders 100000 --interval 1s}) onto Spring
 * properties ({@code --ridertrack.loadgen.riders=100000}). Any of them means "run now",
 * so autostart is switched on; {@code --duration} also means "a timed run, no control
 * API" unless {@code --port} asks for one. Other arguments pass through, so every Spring
 * property can still be given as {@code --name=value}.
 * <p>
 * Why an alias table and not picocli: the options are {@link LoadGeneratorProperties},
 * bound, converted ({@code 1s}, {@code 100000}) and validated by Spring's binder like any
 * other property source; picocli would define each option's type and default a second
 * time. The benchmarks, which have no Spring properties, use picocli.
 */
final class CliArguments {

	private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("riders", "ridertrack.loadgen.riders"),
			Map.entry("interval", "ridertrack.loadgen.interval"), Map.entry("mode", "ridertrack.loadgen.mode"),
			Map.entry("duration", "ridertrack.loadgen.duration"), Map.entry("warmup", "ridertrack.loadgen.warmup"),
			Map.entry("scenario", "ridertrack.loadgen.scenario.type"),
			Map.entry("ramp", "ridertrack.loadgen.scenario.ramp"),
			Map.entry("spike-factor", "ridertrack.loadgen.scenario.spike-factor"),
			Map.entry("spike-after", "ridertrack.loadgen.scenario.spike-after"),
			Map.entry("spike-for", "ridertrack.loadgen.scenario.spike-for"),
			Map.entry("producer-url", "ridertrack.loadgen.producer-url"),
			Map.entry("bootstrap", "spring.kafka.bootstrap-servers"), Map.entry("seed", "ridertrack.loadgen.seed"),
			Map.entry("workers", "ridertrack.loadgen.workers"),
			Map.entry("http-concurrency", "ridertrack.loadgen.http-concurrency"),
			Map.entry("http-connections", "ridertrack.loadgen.http-connections"),
			Map.entry("upload-every", "ridertrack.loadgen.upload-every"),
			Map.entry("ground-truth-file", "ridertrack.loadgen.ground-truth-file"),
			Map.entry("token-secret", "ridertrack.security.token-secret"), Map.entry("port", "server.port"));

	private CliArguments() {
	}

	static String[] translate(String[] args) {
		List<String> out = new ArrayList<>();
		boolean flagged = false;
		boolean timed = false;
		boolean port = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				out.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			String property = FLAGS.get(name);
			if (property == null) {
				out.add(arg);
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				value = args[++i];
			}
			out.add("--" + property + "=" + value);
			flagged |= !name.equals("port") && !name.equals("bootstrap") && !name.equals("token-secret");
			timed |= name.equals("duration");
			port |= name.equals("port");
		}
		if (flagged) {
			out.add("--ridertrack.loadgen.autostart=true");
		}
		if (timed && !port) {
			out.add("--spring.main.web-application-type=none");
		}
		return out.toArray(String[]::new);
	}

}
