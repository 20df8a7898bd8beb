package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a script argument's text straight into bytes: numbers in ASCII, decimals to at
 * most seven places. Formatting every fix's numbers with {@code Double.toString} into a
 * {@code StringBuilder}, then copying the string into bytes, was about a tenth of
 * tracking-service's CPU under the seeds' scenario (issue 14). Seven decimal places of a
 * degree are about a centimetre, what phones send; {@code Double.parseDouble} reads the
 * text back as the value rounded to them.
 * <p>
 * One instance is reused for every argument of a call: {@link #clear}, append, then
 * {@link #toBytes}. Not thread-safe.
 */
final class ArgumentText {

	/** Seven decimal places. */
	private static final long SCALE = 10_000_000L;

	private static final int SCALE_DIGITS = 7;

	/**
	 * Beyond this a scaled value would not fit a long: such values use Double.toString.
	 */
	private static final double LARGEST = 1e11;

	private byte[] bytes = new byte[64];

	private int length;

	/**
	 * Start a new argument.
	 * @return this
	 */
	ArgumentText clear() {
		this.length = 0;
		return this;
	}

	/**
	 * Append an ASCII character.
	 * @param c the character
	 * @return this
	 */
	ArgumentText append(char c) {
		room(1);
		this.bytes[this.length++] = (byte) c;
		return this;
	}

	/**
	 * Append a whole number.
	 * @param value the number
	 * @return this
	 */
	ArgumentText append(long value) {
		if (value < 0) {
			append('-');
			if (value == Long.MIN_VALUE) {
				return append(Long.toString(value).substring(1));
			}
			value = -value;
		}
		int digits = digits(value);
		room(digits);
		for (int i = this.length + digits - 1; i >= this.length; i--) {
			this.bytes[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		this.length += digits;
		return this;
	}

	/**
	 * Append a decimal rounded to seven places, without trailing zeros:
	 * {@code 19.0024089}, {@code 6}, {@code -0.5}.
	 * @param value the number
	 * @return this
	 */
	ArgumentText append(double value) {
		if (!Double.isFinite(value) || Math.abs(value) >= LARGEST) {
			return append(Double.toString(value));
		}
		long scaled = Math.round(value * SCALE);
		if (scaled < 0) {
			append('-');
			scaled = -scaled;
		}
		append(scaled / SCALE);
		long fraction = scaled % SCALE;
		if (fraction == 0) {
			return this;
		}
		int places = SCALE_DIGITS;
		while (fraction % 10 == 0) {
			fraction /= 10;
			places--;
		}
		room(1 + places);
		this.bytes[this.length] = '.';
		for (int i = this.length + places; i > this.length; i--) {
			this.bytes[i] = (byte) ('0' + fraction % 10);
			fraction /= 10;
		}
		this.length += 1 + places;
		return this;
	}

	/**
	 * Append text, as UTF-8.
	 * @param text the text
	 * @return this
	 */
	ArgumentText append(String text) {
		int n = text.length();
		room(n);
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// not ASCII: start again from this argument's end, as UTF-8
				byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
				room(utf8.length);
				System.arraycopy(utf8, 0, this.bytes, this.length, utf8.length);
				this.length += utf8.length;
				return this;
			}
			this.bytes[this.length + i] = (byte) c;
		}
		this.length += n;
		return this;
	}

	/**
	 * The argument so far.
	 * @return a copy of its bytes
	 */
	byte[] toBytes() {
		return Arrays.copyOf(this.bytes, this.length);
	}

	private void room(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

	private static int digits(long value) {
		int digits = 1;
		while (value >= 10) {
			value /= 10;
			digits++;
		}
		return digits;
	}

}
