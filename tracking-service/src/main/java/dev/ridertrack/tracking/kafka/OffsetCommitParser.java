package dev.ridertrack.tracking.kafka;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an offset commit out of a {@code __consumer_offsets} record, as Burrow does: the
 * Admin API tells the committed offset but not when it was committed, and that is what
 * tells a group that re-commits the same offset (stalled) from one that does not commit
 * at all (stopped). Only the stable prefix of the format is read: key version 0 or 1 is
 * an offset commit (group, topic, partition); every value version starts with the offset.
 * Other record types (group metadata, KIP-848 and share records) are skipped.
 */
final class OffsetCommitParser {

	record Commit(String group, String topic, int partition, long offset) {
	}

	private OffsetCommitParser() {
	}

	static Optional<Commit> parse(byte[] key, byte[] value) {
		if (key == null || value == null) {
			// a null value is a tombstone: the offset was deleted, not committed
			return Optional.empty();
		}
		try {
			ByteBuffer k = ByteBuffer.wrap(key);
			short keyVersion = k.getShort();
			if (keyVersion != 0 && keyVersion != 1) {
				return Optional.empty();
			}
			String group = string(k);
			String topic = string(k);
			int partition = k.getInt();
			ByteBuffer v = ByteBuffer.wrap(value);
			v.getShort();
			long offset = v.getLong();
			return Optional.of(new Commit(group, topic, partition, offset));
		}
		catch (BufferUnderflowException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String string(ByteBuffer buffer) {
		short length = buffer.getShort();
		if (length < 0) {
			throw new IllegalArgumentException("negative string length");
		}
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
