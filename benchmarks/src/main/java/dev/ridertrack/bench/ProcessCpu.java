package dev.ridertrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process's CPU time, from {@code /proc}: what the benchmarks that measure a
 * store or a broker beside themselves read.
 */
public final class ProcessCpu {

	/**
	 * Linux's clock ticks per second, the unit of {@code /proc/<pid>/stat}'s CPU times.
	 */
	private static final double CLOCK_TICKS = 100.0;

	private ProcessCpu() {
	}

	/**
	 * User + system CPU time of a process and all its threads.
	 * @param pid the process
	 * @return seconds of CPU since it started
	 * @throws IOException if the process is gone
	 */
	public static double seconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// the command name, in parentheses, may hold spaces: count fields after it
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
	}

}
