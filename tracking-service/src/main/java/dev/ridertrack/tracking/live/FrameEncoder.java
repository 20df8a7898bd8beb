package dev.ridertrack.tracking.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.ridertrack.tracking.live.LiveView.Slot;

/**
 * Writes one binary delta frame, columnar and little-endian (see docs/tracking.md):
 *
 * <pre>
 * u8 kind = 1, u8 flags (bit 0: reset), u16 reserved, f64 sentAt (epoch ms)
 * u32 dictCount, then per entry: u32 index, u8 idLength, id bytes (UTF-8)
 * u32 updateCount, i32 index[], i32 lat[] (1e-6 deg), i32 lon[], u16 ageMs[], u8 state[]
 * u32 removeCount, i32 index[]
 * </pre>
 *
 * A rider's id crosses the wire once per session (the dictionary); after that it is a
 * 4-byte index, so an update costs 15 bytes.
 */
final class FrameEncoder {

	static final byte KIND_RIDERS = 1;

	static final byte FLAG_RESET = 1;

	private Slot[] updates = new Slot[256];

	private int updateCount;

	private Slot[] dictionary = new Slot[256];

	private int dictCount;

	private int dictBytes;

	private int[] removals = new int[64];

	private int removeCount;

	void clear() {
		this.updateCount = 0;
		this.dictCount = 0;
		this.dictBytes = 0;
		this.removeCount = 0;
	}

	void update(Slot slot, boolean newToClient) {
		if (this.updateCount == this.updates.length) {
			this.updates = java.util.Arrays.copyOf(this.updates, this.updateCount * 2);
		}
		this.updates[this.updateCount++] = slot;
		if (newToClient) {
			if (this.dictCount == this.dictionary.length) {
				this.dictionary = java.util.Arrays.copyOf(this.dictionary, this.dictCount * 2);
			}
			this.dictionary[this.dictCount++] = slot;
			this.dictBytes += 5 + Math.min(255, slot.idBytes.length);
		}
	}

	void remove(int index) {
		if (this.removeCount == this.removals.length) {
			this.removals = java.util.Arrays.copyOf(this.removals, this.removeCount * 2);
		}
		this.removals[this.removeCount++] = index;
	}

	boolean isEmpty() {
		return this.updateCount == 0 && this.removeCount == 0;
	}

	/**
	 * Records, per rider in the frame, how long it waited between the feed and the frame.
	 */
	void recordQueued(LatencyStages stages, long sentAt) {
		for (int i = 0; i < this.updateCount; i++) {
			long consumedAt = this.updates[i].consumedAt;
			if (consumedAt > 0) {
				stages.queued(sentAt - consumedAt);
			}
		}
	}

	int updates() {
		return this.updateCount;
	}

	ByteBuffer encode(boolean reset, long sentAt) {
		int n = this.updateCount;
		int size = 12 + 4 + this.dictBytes + 4 + n * 15 + 4 + this.removeCount * 4;
		ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put(KIND_RIDERS).put(reset ? FLAG_RESET : 0).putShort((short) 0).putDouble(sentAt);
		buffer.putInt(this.dictCount);
		for (int i = 0; i < this.dictCount; i++) {
			Slot slot = this.dictionary[i];
			int length = Math.min(255, slot.idBytes.length);
			buffer.putInt(slot.index).put((byte) length).put(slot.idBytes, 0, length);
		}
		buffer.putInt(n);
		// read each slot's fields once, so the columns describe one consistent fix per
		// rider
		int[] lat = new int[n];
		int[] lon = new int[n];
		for (int i = 0; i < n; i++) {
			buffer.putInt(this.updates[i].index);
		}
		for (int i = 0; i < n; i++) {
			Slot slot = this.updates[i];
			lat[i] = slot.lat;
			lon[i] = slot.lon;
			buffer.putInt(lat[i]);
		}
		for (int i = 0; i < n; i++) {
			buffer.putInt(lon[i]);
		}
		for (int i = 0; i < n; i++) {
			long age = Math.max(0, Math.min(65535, sentAt - this.updates[i].recordedAt));
			buffer.putShort((short) age);
		}
		for (int i = 0; i < n; i++) {
			buffer.put(this.updates[i].state);
		}
		buffer.putInt(this.removeCount);
		for (int i = 0; i < this.removeCount; i++) {
			buffer.putInt(this.removals[i]);
		}
		buffer.flip();
		return buffer;
	}

}
