package dev.ridertrack.tracking.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One zoomed-out session's density summary: riders counted per screen-sized cell, by
 * state, instead of one update per rider. Cells are squares of Web Mercator space, the
 * same space the map's tiles use: at level {@code L} the world is {@code 2^L} cells wide,
 * so at map zoom {@code z} a cell is {@code 2^(z + 8 - L)} pixels. The grid keeps what it
 * last sent and a frame carries only the cells whose counts changed (a reset frame
 * carries every non-empty cell), so a quiet city costs a header per tick.
 *
 * <pre>
 * u8 kind = 2, u8 flags (bit 0: reset), u16 reserved, f64 sentAt (epoch ms)
 * u8 level, u8 reserved, u16 cellPx, i32 x0, i32 y0, u32 cols, u32 rows
 * u32 total, u32 idle, u32 toRestaurant, u32 toCustomer   (riders in the box)
 * u32 n, u32 cell[n] (row * cols + col), u16 idle[n], u16 toRestaurant[n], u16 toCustomer[n]
 * </pre>
 */
final class DensityGrid {

	static final byte KIND_DENSITY = 2;

	/** At most this many cells per session (3 counters each, twice: 1.5 MB). */
	static final int MAX_CELLS = 1 << 17;

	static final int HEADER_BYTES = 12 + 4 + 16 + 16 + 4;

	final Subscription subscription;

	final int level;

	final int cellPx;

	final int x0;

	final int y0;

	final int cols;

	final int rows;

	private final char[] counts;

	private final char[] sent;

	private final int[] totals = new int[3];

	private int[] changed = new int[1024];

	private DensityGrid(Subscription subscription, int level, int cellPx, int x0, int y0, int cols, int rows) {
		this.subscription = subscription;
		this.level = level;
		this.cellPx = cellPx;
		this.x0 = x0;
		this.y0 = y0;
		this.cols = cols;
		this.rows = rows;
		this.counts = new char[cols * rows * 3];
		this.sent = new char[cols * rows * 3];
	}

	/**
	 * The grid for a viewport.
	 * @param wanted the viewport
	 * @param cellPx wanted cell size in screen pixels at the viewport's zoom (a power of
	 * two; cells grow when the viewport would need more than {@link #MAX_CELLS})
	 */
	static DensityGrid of(Subscription wanted, int cellPx) {
		int shift = 31 - Integer.numberOfLeadingZeros(Math.max(1, cellPx));
		int level = Math.max(0, Math.min(30, wanted.zoom() + 8 - shift));
		while (true) {
			double scale = Math.scalb(1.0, level);
			int x0 = (int) Math.floor(mercX(wanted.west()) * scale);
			int x1 = (int) Math.floor(mercX(wanted.east()) * scale);
			int y0 = (int) Math.floor(mercY(wanted.north()) * scale);
			int y1 = (int) Math.floor(mercY(wanted.south()) * scale);
			int cols = Math.max(1, x1 - x0 + 1);
			int rows = Math.max(1, y1 - y0 + 1);
			if ((long) cols * rows <= MAX_CELLS || level == 0) {
				int px = (int) Math.min(65535, Math.scalb(1.0, Math.max(0, wanted.zoom() + 8 - level)));
				return new DensityGrid(wanted, level, px, x0, y0, cols, rows);
			}
			level--;
		}
	}

	static double mercX(double lon) {
		return (lon + 180) / 360;
	}

	static double mercY(double lat) {
		double clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
		double sin = Math.sin(Math.toRadians(clamped));
		return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
	}

	/** Starts a new count; what was last sent is kept for the diff. */
	void clear() {
		Arrays.fill(this.counts, (char) 0);
		Arrays.fill(this.totals, 0);
	}

	/**
	 * Counts one rider.
	 * @param mx Web Mercator x in [0, 1)
	 * @param my Web Mercator y in [0, 1)
	 * @param state 0 idle, 1 to restaurant, 2 to customer
	 */
	void add(double mx, double my, byte state) {
		double scale = Math.scalb(1.0, this.level);
		int col = (int) Math.floor(mx * scale) - this.x0;
		int row = (int) Math.floor(my * scale) - this.y0;
		if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) {
			return;
		}
		int s = (state >= 0 && state < 3) ? state : 0;
		int at = (row * this.cols + col) * 3 + s;
		if (this.counts[at] < Character.MAX_VALUE) {
			this.counts[at]++;
		}
		this.totals[s]++;
	}

	int total() {
		return this.totals[0] + this.totals[1] + this.totals[2];
	}

	/**
	 * The frame with the cells that changed since the previous frame (every non-empty
	 * cell when {@code reset}), or {@code null} when nothing changed.
	 */
	ByteBuffer encode(boolean reset, long sentAt) {
		int n = 0;
		int cells = this.cols * this.rows;
		for (int cell = 0; cell < cells; cell++) {
			int at = cell * 3;
			boolean differs = this.counts[at] != this.sent[at] || this.counts[at + 1] != this.sent[at + 1]
					|| this.counts[at + 2] != this.sent[at + 2];
			boolean wanted = reset ? (this.counts[at] | this.counts[at + 1] | this.counts[at + 2]) != 0 : differs;
			if (wanted) {
				if (n == this.changed.length) {
					this.changed = Arrays.copyOf(this.changed, n * 2);
				}
				this.changed[n++] = cell;
			}
		}
		System.arraycopy(this.counts, 0, this.sent, 0, this.counts.length);
		if (n == 0 && !reset) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + n * 10).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put(KIND_DENSITY).put(reset ? FrameEncoder.FLAG_RESET : 0).putShort((short) 0).putDouble(sentAt);
		buffer.put((byte) this.level).put((byte) 0).putShort((short) this.cellPx);
		buffer.putInt(this.x0).putInt(this.y0).putInt(this.cols).putInt(this.rows);
		buffer.putInt(total()).putInt(this.totals[0]).putInt(this.totals[1]).putInt(this.totals[2]);
		buffer.putInt(n);
		for (int i = 0; i < n; i++) {
			buffer.putInt(this.changed[i]);
		}
		for (int s = 0; s < 3; s++) {
			for (int i = 0; i < n; i++) {
				buffer.putShort((short) this.counts[this.changed[i] * 3 + s]);
			}
		}
		buffer.flip();
		return buffer;
	}

}
