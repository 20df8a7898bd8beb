package dev.ridertrack.localstack;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Documents as BSON (mongo-java-server's own wire encoding), in memory and in the file,
 * instead of H2's Java serialisation, which writes every document with its own
 * {@code ObjectOutputStream} and class descriptors: several times the bytes and the CPU.
 * A BSON document is tagged 127 in the file, a tag H2's {@link ObjectDataType} never
 * writes; anything else (documents a stock backend wrote, other values) is read and
 * written by {@code ObjectDataType} as before, so older files open and are rewritten page
 * by page. A page holds a document as its bytes ({@code byte[]}), so H2's memory
 * estimate, which splits pages and sizes the cache, is the bytes' size.
 */
final class BsonDocuments extends ObjectDataType {

	private static final byte BSON = 127;

	private volatile int averageSize = 400;

	/**
	 * A document's BSON.
	 * @param document the document
	 * @return its bytes
	 */
	static byte[] encode(Document document) {
		ByteBuf bson = Unpooled.buffer(256);
		try {
			BsonEncoder.encodeDocument(document, bson);
			byte[] bytes = new byte[bson.readableBytes()];
			bson.readBytes(bytes);
			return bytes;
		}
		finally {
			bson.release();
		}
	}

	/**
	 * A stored document, as a new object the caller may change.
	 * @param stored its BSON, a document a stock backend wrote, or {@code null}
	 * @return the document, or {@code null}
	 */
	static Document decode(Object stored) {
		if (stored instanceof byte[] bson) {
			return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
		}
		return (stored != null) ? ((Document) stored).cloneDeeply() : null;
	}

	/** The mean encoded size of the documents written lately, in bytes. */
	int meanSize() {
		return this.averageSize;
	}

	@Override
	public int getMemory(Object obj) {
		if (obj instanceof byte[] bson) {
			return 24 + bson.length;
		}
		return (obj instanceof Document) ? 3 * this.averageSize : super.getMemory(obj);
	}

	@Override
	public void write(WriteBuffer buff, Object obj) {
		byte[] bson = (obj instanceof Document document) ? encode(document)
				: (obj instanceof byte[] bytes) ? bytes : null;
		if (bson == null) {
			super.write(buff, obj);
			return;
		}
		this.averageSize = (bson.length + 15 * this.averageSize) / 16;
		buff.put(BSON).putVarInt(bson.length).put(bson);
	}

	@Override
	public Object read(ByteBuffer buff) {
		if (buff.get(buff.position()) != BSON) {
			return super.read(buff);
		}
		buff.get();
		byte[] bson = new byte[DataUtils.readVarInt(buff)];
		buff.get(bson);
		return bson;
	}

}
