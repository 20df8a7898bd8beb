package dev.ridertrack.analytics.zones;

import java.time.Duration;
import java.util.Map;

import dev.ridertrack.events.RiderLocation;
import dev.ridertrack.events.Zones;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adds up each task's fixes per zone and slice of time before they cross the network.
 * Sending every fix through the {@code zone-slices} repartition topic to its zone's task
 * costs a produce, a broker write and a fetch per fix; a task instead keeps one running
 * {@link ZoneSlice} per zone and slice and passes the slices on every
 * {@code slice-flush}, so the repartition topic carries at most one record per zone, task
 * and flush however many fixes there are.
 * <p>
 * A slice is a fixed span of event time that divides both window sizes (10 s for 10 s and
 * 1 min windows), so every fix in a slice falls in the same windows and the windows get
 * exactly the totals they would have counted fix by fix. Riders are keyed by id, so a
 * rider's fixes all reach one task and the distinct rider counts of different tasks'
 * slices simply unite.
 * <p>
 * The open slices live in {@link OpenSlices}: objects in memory, written to a
 * changelogged store only when the task commits, so a fix costs a map lookup and after a
 * crash the restored slices go on from the last commit as if nothing happened.
 */
final class ZoneSlicer implements Processor<String, RiderLocation, String, ZoneAggregate> {

	private final long sliceMillis;

	private final Duration flushEvery;

	private ProcessorContext<String, ZoneAggregate> context;

	private OpenSlices slices;

	ZoneSlicer(Duration slice, Duration flushEvery) {
		this.sliceMillis = slice.toMillis();
		this.flushEvery = flushEvery;
	}

	/**
	 * The slice length for two window sizes: the longest span that divides both.
	 * @param shortWindow one window size
	 * @param longWindow the other
	 * @return the slice length
	 */
	static Duration sliceFor(Duration shortWindow, Duration longWindow) {
		long a = shortWindow.toMillis();
		long b = longWindow.toMillis();
		while (b != 0) {
			long r = a % b;
			a = b;
			b = r;
		}
		return Duration.ofMillis(a);
	}

	@Override
	public void init(ProcessorContext<String, ZoneAggregate> context) {
		this.context = context;
		this.slices = context.getStateStore(AnalyticsTopology.ZONE_SLICES_STORE);
		this.slices.load();
		context.schedule(this.flushEvery, PunctuationType.WALL_CLOCK_TIME, (now) -> flush());
	}

	@Override
	public void process(Record<String, RiderLocation> record) {
		RiderLocation fix = record.value();
		long at = record.timestamp();
		OpenSlices.Key key = new OpenSlices.Key(Zones.zoneCell(fix.lat(), fix.lon()),
				at - Math.floorMod(at, this.sliceMillis));
		this.slices.slice(key, at).addFix(fix.riderId(), fix.speedMps(), at);
	}

	/** Pass every open slice on to its zone, with the time of its latest fix. */
	private void flush() {
		for (Map.Entry<OpenSlices.Key, ZoneSlice> slice : this.slices.open().entrySet()) {
			String zone = Zones.zoneId(slice.getKey().cell());
			this.context.forward(new Record<>(zone, slice.getValue().totals, slice.getValue().latest));
		}
		this.slices.passedOn();
	}

}
