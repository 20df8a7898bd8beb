package dev.ridertrack.localstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order H2's {@link ObjectDataType} gives serialised {@code KeyValue}s, computed
 * directly for the common key: one string of ASCII characters (1 to 127), such as
 * {@code "rider-000042:1187"}. Java serialisation writes every such key as the same
 * prefix (the class descriptors of {@code KeyValue} and {@code ArrayList}), then the
 * string as a two-byte length and its bytes; H2 compares the bytes unsigned. So the order
 * is: shorter first, then by characters. Any other key (numbers, ObjectIds, compound
 * keys, other characters) is compared as before, by serialising;
 * {@code DurableBackendTests} checks both paths against {@code ObjectDataType}.
 * Serialisation to the file is inherited: the bytes on disk are the stock ones.
 */
final class KeyOrder extends ObjectDataType {

	@Override
	public int compare(Object a, Object b) {
		if (a instanceof KeyValue x && b instanceof KeyValue y) {
			String s = soleAsciiString(x);
			String t = (s != null) ? soleAsciiString(y) : null;
			if (t != null) {
				int byLength = Integer.compare(s.length(), t.length());
				return (byLength != 0) ? byLength : Integer.signum(s.compareTo(t));
			}
		}
		return super.compare(a, b);
	}

	private static String soleAsciiString(KeyValue key) {
		if (key.size() != 1 || !(key.get(0) instanceof String value) || value.length() > 0xFFFF) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0 || c > 0x7F) {
				return null;
			}
		}
		return value;
	}

}
