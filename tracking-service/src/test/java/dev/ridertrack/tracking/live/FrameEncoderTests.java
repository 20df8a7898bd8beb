package dev.ridertrack.tracking.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

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

	/**
	 * The golden frame: the bytes of one fixed frame, checked in as
	 * {@code src/test/resources/golden/frame.bin}, with what a decoder must read from it
	 * as {@code golden/frame.json}. The dashboard's decoder ({@code assets/frame.js}) is
	 * tested against the same two files by {@code src/test/js/frame.test.mjs}, so the
	 * encoder and the decoder cannot drift apart unnoticed. After a deliberate change of
	 * the wire format, rewrite both files and review the diff: {@code ./mvnw -pl
	 * tracking-service -am test -Dtest=FrameEncoderTests
	 * -Dsurefire.failIfNoSpecifiedTests=false -Dridertrack.golden.update=true}.
	 */
	@Test
	void encodesTheGoldenFrameByteForByte() throws IOException {
		long sentAt = 1_767_225_600_123L; // 2026-01-01T00:00:00.123Z
		List<Slot> riders = List.of(slot(0, "rider-000001", 52.52, 13.405, LiveView.TO_CUSTOMER, sentAt - 500),
				// ids are UTF-8 on the wire: 2- and 3-byte characters
				slot(1, "rider-ü-東京", 35.689_5, 139.691_7, LiveView.TO_RESTAURANT, sentAt - 1_200),
				// known to the client already: no dictionary entry; silent for long: age
				// clamped
				slot(7, "rider-000008", -33.86, 151.21, LiveView.IDLE, sentAt - 600_000),
				slot(2, "rider-ø-london", 51.507_4, -0.127_8, LiveView.IDLE, sentAt));
		FrameEncoder encoder = new FrameEncoder();
		for (Slot rider : riders) {
			encoder.update(rider, rider.index != 7);
		}
		encoder.remove(3);
		encoder.remove(42);
		ByteBuffer frame = encoder.encode(true, sentAt);
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		String json = decoded(sentAt, riders, bytes.length);

		Path golden = Path.of("src/test/resources/golden");
		if (Boolean.getBoolean("ridertrack.golden.update")) {
			Files.createDirectories(golden);
			Files.write(golden.resolve("frame.bin"), bytes);
			Files.writeString(golden.resolve("frame.json"), json);
		}
		assertThat(bytes).as("the frame's bytes (this test's javadoc says how to rewrite them)")
			.isEqualTo(Files.readAllBytes(golden.resolve("frame.bin")));
		assertThat(json).isEqualTo(Files.readString(golden.resolve("frame.json")));
	}

	/** What a decoder must read from the golden frame, as frame.test.mjs compares it. */
	private static String decoded(long sentAt, List<Slot> riders, int length) {
		String dictionary = riders.stream()
			.filter((rider) -> rider.index != 7)
			.map((rider) -> "[" + rider.index + ", \"" + rider.riderId + "\"]")
			.collect(Collectors.joining(", "));
		return """
				{
				  "bytes": %d,
				  "kind": 1,
				  "reset": true,
				  "sentAt": %d,
				  "dict": [%s],
				  "n": %d,
				  "index": [%s],
				  "lat": [%s],
				  "lon": [%s],
				  "age": [%s],
				  "state": [%s],
				  "removed": [3, 42]
				}
				""".formatted(length, sentAt, dictionary, riders.size(), column(riders, (rider) -> rider.index),
				column(riders, (rider) -> rider.lat), column(riders, (rider) -> rider.lon),
				column(riders, (rider) -> (int) Math.min(65_535, sentAt - rider.recordedAt)),
				column(riders, (rider) -> rider.state));
	}

	private static String column(List<Slot> riders, ToIntFunction<Slot> field) {
		return riders.stream()
			.map((rider) -> String.valueOf(field.applyAsInt(rider)))
			.collect(Collectors.joining(", "));
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
