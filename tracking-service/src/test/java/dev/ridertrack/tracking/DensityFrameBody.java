package dev.ridertrack.tracking;

import java.nio.ByteBuffer;

/**
 * The body of a density frame (kind 2) after its header (kind, flags, sequence, sentAt),
 * as docs/tracking.md describes it; read by the test client and the grid's unit test.
 *
 * @param totals riders in view: all, then idle, to restaurant, to customer
 * @param cells the cells in this frame (row-major index in the grid)
 * @param counts per cell: idle, to restaurant, to customer
 */
public record DensityFrameBody(int[] totals, int[] cells, int[][] counts) {

	public static DensityFrameBody read(ByteBuffer buffer) {
		buffer.get(); // level
		buffer.get();
		buffer.getShort(); // cell size in pixels
		buffer.getInt(); // x0
		buffer.getInt(); // y0
		buffer.getInt(); // cols
		buffer.getInt(); // rows
		int[] totals = { buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt() };
		int n = buffer.getInt();
		int[] cells = new int[n];
		for (int i = 0; i < n; i++) {
			cells[i] = buffer.getInt();
		}
		int[][] counts = new int[n][3];
		for (int s = 0; s < 3; s++) {
			for (int i = 0; i < n; i++) {
				counts[i][s] = buffer.getShort() & 0xffff;
			}
		}
		return new DensityFrameBody(totals, cells, counts);
	}

}
