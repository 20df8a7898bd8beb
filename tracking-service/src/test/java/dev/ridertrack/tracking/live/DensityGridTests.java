package dev.ridertrack.tracking.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.ridertrack.tracking.DensityFrameBody;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DensityGridTests {

	// Berlin's centre at zoom 11, a 1440 x 900 screen's worth of box
	static final Subscription BERLIN = Subscription.viewport(52.30, 12.90, 52.75, 13.90, 11);

	@Test
	void countsRidersPerEightPixelCellByStateAndSendsEveryNonEmptyCellOnReset() {
		DensityGrid grid = DensityGrid.of(BERLIN, 8);
		assertThat(grid.level).isEqualTo(16);
		assertThat(grid.cellPx).isEqualTo(8);
		add(grid, 52.52, 13.405, LiveView.IDLE);
		add(grid, 52.52, 13.405, LiveView.IDLE);
		add(grid, 52.52, 13.405, LiveView.TO_CUSTOMER);
		add(grid, 52.40, 13.10, LiveView.TO_RESTAURANT);

		Frame frame = Frame.read(grid.encode(true, 1_000));
		assertThat(frame.reset).isTrue();
		assertThat(frame.totals).containsExactly(4, 2, 1, 1);
		assertThat(frame.cells).hasSize(2);
		assertThat(frame.counts[0]).containsExactly(2, 0, 1);
		assertThat(frame.counts[1]).containsExactly(0, 1, 0);
		// the frame is 48 header bytes and 10 per cell, whatever the number of riders
		assertThat(frame.bytes).isEqualTo(DensityGrid.HEADER_BYTES + 2 * 10);
	}

	@Test
	void afterTheResetSendsOnlyTheCellsWhoseCountsChanged() {
		DensityGrid grid = DensityGrid.of(BERLIN, 8);
		grid.clear();
		add(grid, 52.52, 13.405, LiveView.IDLE);
		add(grid, 52.40, 13.10, LiveView.IDLE);
		grid.encode(true, 1_000);

		grid.clear();
		add(grid, 52.52, 13.405, LiveView.IDLE);
		assertThat(grid.encode(false, 1_100)).as("one cell emptied").isNotNull();
		grid.clear();
		add(grid, 52.52, 13.405, LiveView.IDLE);
		assertThat(grid.encode(false, 1_200)).as("nothing changed: no frame").isNull();

		grid.clear();
		add(grid, 52.52, 13.405, LiveView.TO_CUSTOMER);
		Frame frame = Frame.read(grid.encode(false, 1_300));
		assertThat(frame.cells).hasSize(1);
		assertThat(frame.counts[0]).containsExactly(0, 0, 1);
	}

	@Test
	void aWholeWorldBoxGetsCoarserCellsInsteadOfAHugeGrid() {
		DensityGrid grid = DensityGrid.of(Subscription.viewport(-85, -180, 85, 180, 12), 8);
		assertThat((long) grid.cols * grid.rows).isLessThanOrEqualTo(DensityGrid.MAX_CELLS);
		assertThat(grid.cellPx).isGreaterThan(8);
	}

	private static void add(DensityGrid grid, double lat, double lon, byte state) {
		grid.add(DensityGrid.mercX(lon), DensityGrid.mercY(lat), state);
	}

	record Frame(boolean reset, int bytes, int[] totals, int[] cells, int[][] counts) {

		static Frame read(ByteBuffer buffer) {
			int bytes = buffer.remaining();
			buffer.order(ByteOrder.LITTLE_ENDIAN);
			assertThat(buffer.get()).isEqualTo(DensityGrid.KIND_DENSITY);
			boolean reset = (buffer.get() & 1) == 1;
			buffer.getShort();
			buffer.getDouble();
			DensityFrameBody body = DensityFrameBody.read(buffer);
			assertThat(buffer.hasRemaining()).isFalse();
			return new Frame(reset, bytes, body.totals(), body.cells(), body.counts());
		}

	}

}
