package dev.ridertrack.loadgen.city;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.ridertrack.bench.MarkdownTable;
import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Bbox;

/**
 * The cost of the load generator's tick by how a rider's state is laid out:
 * {@code ./ridertrack bench fleet [RIDERS [INTERVALS [ROUNDS]]]}. The production
 * {@link Fleet} (one {@code Rider} object per rider) against {@link ArrayFleet} (the same
 * step on 27 parallel primitive arrays, the layout before 2026-12-06), on one thread, in
 * the time wheel's order (each 10 ms tick steps every 500th rider of a 5 s interval, so
 * consecutive steps touch riders far apart in memory, as in the generator), alternating
 * layouts round by round. It first checks that both produce the same fixes and order
 * events from the same seed, so the two measure the same work.
 * <p>
 * Per layout it prints the thread's CPU per rider step (a tick costs this times the
 * riders in its slot), the bytes allocated per step (the fix and its event objects, the
 * same in both), and the heap each rider holds, from the heap in use after a full
 * collection with and without the fleet.
 */
public final class FleetLayoutBenchmark {

	private static final Bbox MUMBAI = new Bbox(18.90, 19.25, 72.78, 72.98);

	/** Lunch time in Mumbai: orders come in at a good rate. */
	private static final long START = Instant.parse("2026-11-22T07:00:00Z").toEpochMilli();

	private static final long INTERVAL_MILLIS = 5_000;

	private static final long TICK_MILLIS = 10;

	private FleetLayoutBenchmark() {
	}

	public static void main(String[] args) {
		int riders = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int intervals = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		City city = new City(MUMBAI, 42);
		System.out.printf(Locale.ROOT,
				"Fleet layout: %,d riders, a fix every 5 s, %d intervals per round, %d rounds; %s; load average %s%n",
				riders, intervals, rounds, jvm(), loadAverage());
		sameWork(city);

		List<Layout> layouts = List.of(new Layout("objects (Rider per rider, production)", city, true),
				new Layout("parallel arrays (before 2026-12-06)", city, false));
		for (Layout layout : layouts) {
			layout.heapPerRider(riders);
		}
		for (Layout layout : layouts) {
			layout.run(riders, 3, false);
		}
		List<Row> rows = new ArrayList<>();
		for (int r = 1; r <= rounds; r++) {
			for (Layout layout : layouts) {
				rows.add(layout.run(riders, intervals, true).withRound(r));
			}
		}
		new MarkdownTable<>(List.of("layout", "round", "CPU ns per rider step", "bytes allocated per step",
				"heap bytes per rider", "load average"), rows)
			.print();
	}

	/** Both layouts, same seed, 2,000 riders for half an hour of simulated time. */
	private static void sameWork(City city) {
		Checksum objects = new Checksum();
		Checksum arrays = new Checksum();
		Stepper a = new Layout("", city, true).fleet(2_000);
		Stepper b = new Layout("", city, false).fleet(2_000);
		SplittableRandom ra = new SplittableRandom(7);
		SplittableRandom rb = new SplittableRandom(7);
		for (long t = START; t < START + Duration.ofMinutes(30).toMillis(); t += 1_000) {
			for (int i = 0; i < 2_000; i++) {
				a.step(i, t, ra, objects);
				b.step(i, t, rb, arrays);
			}
		}
		if (objects.hash != arrays.hash || objects.fixes != arrays.fixes || objects.orders != arrays.orders) {
			System.out.println("The layouts differ: " + objects + " vs " + arrays);
			System.exit(1);
		}
		System.out.printf(Locale.ROOT, "Same work: both layouts sent the same %,d fixes and %,d order events%n",
				objects.fixes, objects.orders);
	}

	private static String jvm() {
		List<String> flags = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((a) -> a.startsWith("-XX:") || a.startsWith("-Xmx"))
			.toList();
		return "Java " + Runtime.version().feature() + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (Exception ex) {
			return "?";
		}
	}

	/** One rider step, whichever the layout. */
	private interface Stepper {

		void step(int i, long now, SplittableRandom random, FleetListener out);

	}

	/** One layout's fleet and simulated clock, carried on from round to round. */
	private static final class Layout {

		private final String name;

		private final City city;

		private final boolean objects;

		private final SplittableRandom random = new SplittableRandom(42);

		private final Checksum out = new Checksum();

		private Stepper fleet;

		private long now = START;

		private double heapPerRider;

		Layout(String name, City city, boolean objects) {
			this.name = name;
			this.city = city;
			this.objects = objects;
		}

		Stepper fleet(int riders) {
			if (this.objects) {
				Fleet fleet = new Fleet(this.city, riders, Duration.ofSeconds(90), true);
				return (i, now, random, out) -> fleet.step(i, now, random, 1, out);
			}
			ArrayFleet fleet = new ArrayFleet(this.city, riders, Duration.ofSeconds(90), true);
			return (i, now, random, out) -> fleet.step(i, now, random, 1, out);
		}

		/** Builds the fleet and steps every rider once, measuring the heap it holds. */
		void heapPerRider(int riders) {
			long before = heapUsedAfterGc();
			this.fleet = fleet(riders);
			interval(riders);
			long after = heapUsedAfterGc();
			this.heapPerRider = (after - before) / (double) riders;
		}

		Row run(int riders, int intervals, boolean report) {
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long id = Thread.currentThread().getId();
			long cpu = threads.getCurrentThreadCpuTime();
			long allocated = threads.getThreadAllocatedBytes(id);
			for (int k = 0; k < intervals; k++) {
				interval(riders);
			}
			double steps = (double) riders * intervals;
			double cpuPerStep = (threads.getCurrentThreadCpuTime() - cpu) / steps;
			double allocatedPerStep = (threads.getThreadAllocatedBytes(id) - allocated) / steps;
			return new Row(this.name, 0, cpuPerStep, allocatedPerStep, this.heapPerRider, loadAverage());
		}

		/** One interval of the time wheel with one worker. */
		private void interval(int riders) {
			long slots = INTERVAL_MILLIS / TICK_MILLIS;
			for (long slot = 0; slot < slots; slot++) {
				long wall = this.now + slot * TICK_MILLIS;
				for (long i = slot; i < riders; i += slots) {
					this.fleet.step((int) i, wall, this.random, this.out);
				}
			}
			this.now += INTERVAL_MILLIS;
		}

		private static long heapUsedAfterGc() {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

	}

	/** What the riders sent, folded into a hash that any different fix changes. */
	private static final class Checksum implements FleetListener {

		long hash = 17;

		long fixes;

		long orders;

		@Override
		public void fix(int rider, RiderLocation fix) {
			this.fixes++;
			this.hash = 31 * this.hash + fix.hashCode();
		}

		@Override
		public void order(OrderEvent event) {
			this.orders++;
			this.hash = 31 * this.hash + event.hashCode();
		}

		@Override
		public void delivered(DeliveredOrder order) {
			this.hash = 31 * this.hash + order.hashCode();
		}

		@Override
		public String toString() {
			return this.fixes + " fixes, " + this.orders + " order events, hash " + this.hash;
		}

	}

	/** One layout's figures in one round. */
	private record Row(String layout, int round, double cpuNanosPerStep, double bytesAllocatedPerStep,
			double heapBytesPerRider, String loadAverage) implements MarkdownTable.Row {

		Row withRound(int r) {
			return new Row(this.layout, r, this.cpuNanosPerStep, this.bytesAllocatedPerStep, this.heapBytesPerRider,
					this.loadAverage);
		}

		@Override
		public List<String> cells() {
			return List.of(this.layout, Integer.toString(this.round),
					String.format(Locale.ROOT, "%.0f", this.cpuNanosPerStep),
					String.format(Locale.ROOT, "%.0f", this.bytesAllocatedPerStep),
					String.format(Locale.ROOT, "%.0f", this.heapBytesPerRider), this.loadAverage);
		}

	}

}
