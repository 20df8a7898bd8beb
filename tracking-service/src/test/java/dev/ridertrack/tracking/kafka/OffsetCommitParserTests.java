package dev.ridertrack.tracking.kafka;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.ridertrack.tracking.kafka.OffsetCommitParser.Commit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetCommitParserTests {

	@Test
	void readsGroupTopicPartitionAndOffsetOfAnOffsetCommit() throws IOException {
		assertThat(OffsetCommitParser.parse(key(1, "db-writer", "rider-locations", 7), value(3, 1234)))
			.contains(new Commit("db-writer", "rider-locations", 7, 1234));
	}

	@Test
	void readsTheOldestKeyVersionToo() throws IOException {
		assertThat(OffsetCommitParser.parse(key(0, "g", "t", 0), value(0, 5))).contains(new Commit("g", "t", 0, 5));
	}

	@Test
	void skipsGroupMetadataAndNewerRecordTypes() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeShort(2);
		writeString(out, "db-writer");
		assertThat(OffsetCommitParser.parse(bytes.toByteArray(), value(3, 1))).isEmpty();
		assertThat(OffsetCommitParser.parse(key(11, "g", "t", 0), value(0, 1))).isEmpty();
	}

	@Test
	void skipsTombstonesAndTruncatedRecords() throws IOException {
		assertThat(OffsetCommitParser.parse(key(1, "g", "t", 0), null)).isEmpty();
		assertThat(OffsetCommitParser.parse(new byte[] { 0, 1, 0, 9, 'a' }, value(3, 1))).isEmpty();
		assertThat(OffsetCommitParser.parse(key(1, "g", "t", 0), new byte[] { 0, 3, 0 })).isEmpty();
	}

	static byte[] key(int version, String group, String topic, int partition) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeShort(version);
		writeString(out, group);
		writeString(out, topic);
		out.writeInt(partition);
		return bytes.toByteArray();
	}

	static byte[] value(int version, long offset) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeShort(version);
		out.writeLong(offset);
		// what follows (leader epoch, metadata, timestamps) differs by version and is not
		// read
		out.writeInt(-1);
		writeString(out, "");
		out.writeLong(1_700_000_000_000L);
		return bytes.toByteArray();
	}

	private static void writeString(DataOutputStream out, String text) throws IOException {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeShort(utf8.length);
		out.write(utf8);
	}

}
