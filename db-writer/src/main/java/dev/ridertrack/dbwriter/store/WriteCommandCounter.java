package dev.ridertrack.dbwriter.store;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the write commands db-writer sends to MongoDB ({@code insert}, {@code update},
 * {@code delete}), as the server would see them: one {@code insertMany} of 5,000 fixes is
 * one command, 5,000 {@code insertOne}s are 5,000. The honest measure of what batching
 * saves.
 */
public class WriteCommandCounter implements CommandListener {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete");

	private final LongAdder total = new LongAdder();

	private final MeterRegistry meterRegistry;

	WriteCommandCounter(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		String command = event.getCommandName();
		if (WRITES.contains(command)) {
			this.total.increment();
			Counter.builder("ridertrack.dbwriter.db.writes")
				.description("Write commands sent to MongoDB")
				.tag("command", command)
				.register(this.meterRegistry)
				.increment();
		}
	}

	/**
	 * Write commands sent since start.
	 * @return the count
	 */
	public long total() {
		return this.total.sum();
	}

}
