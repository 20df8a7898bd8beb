package dev.ridertrack.tracking.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import dev.ridertrack.tracking.live.LiveView.Slot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameEncoderTests {

	@Test
	void writesTheDictionaryOnceThenFifteenBytesPerRider() {
		Slot first = slot(0, "rider-000001", 52.52, 13.405, LiveView.TO_CUSTOMER, 1_000);
		Slot second = slot(1, "rider-000002", -33.86, 151.21, LiveView.IDLE, 1_200);
		FrameEncoder encoder = new FrameEncoder();
		encoder.update(first, true);
		encoder.update(second, false);
		encoder.remove(7);
		ByteBuffer frame = encoder.encode(true, 1_500).order(ByteOrder.LITTLE_ENDIAN);

		assertThat(frame.remaining()).isEqualTo(12 + 4 + (5 + 12) + 4 + 2 * 15 + 4 + 4);
		assertThat(frame.get()).isEqualTo(FrameEncoder.KIND_RIDERS);
		assertThat(frame.get()).isEqualTo(FrameEncoder.FLAG_RESET);
		frame.getShort();
		assertThat(frame.getDouble()).isEqualTo(1_500.0);
		assertThat(frame.getInt()).isEqualTo(1);
		assertThat(frame.getInt()).isEqualTo(0);
		byte[] id = new byte[frame.get()];
		frame.get(id);
		assertThat(new String(id, StandardCharsets.UTF_8)).isEqualTo("rider-000001");
		assertThat(frame.getInt()).isEqualTo(2);
		assertThat(new int[] { frame.getInt(), frame.getInt() }).containsExactly(0, 1);
		assertThat(new int[] { frame.getInt(), frame.getInt() }).containsExactly(52_520_000, -33_860_000);
		assertThat(new int[] { frame.getInt(), frame.getInt() }).containsExactly(13_405_000, 151_210_000);
		assertThat(new int[] { frame.getShort(), frame.getShort() }).containsExactly(500, 300);
		assertThat(new byte[] { frame.get(), frame.get() }).containsExactly(LiveView.TO_CUSTOMER, LiveView.IDLE);
		assertThat(frame.getInt()).isEqualTo(1);
		assertThat(frame.getInt()).isEqualTo(7);
		assertThat(frame.hasRemaining()).isFalse();
	}

	private static Slot slot(int index, String id, double lat, double lon, byte state, long recordedAt) {
		Slot slot = new Slot(index, id);
		slot.lat = (int) Math.round(lat * 1e6);
		slot.lon = (int) Math.round(lon * 1e6);
		slot.state = state;
		slot.recordedAt = recordedAt;
		return slot;
	}

}
