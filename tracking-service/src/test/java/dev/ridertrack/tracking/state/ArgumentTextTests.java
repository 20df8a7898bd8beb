package dev.ridertrack.tracking.state;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArgumentTextTests {

	private final ArgumentText text = new ArgumentText();

	@Test
	void writesDecimalsToSevenPlacesWithoutTrailingZeros() {
		assertThat(written(19.0024089)).isEqualTo("19.0024089");
		assertThat(written(72.87770000000001)).isEqualTo("72.8777");
		assertThat(written(6.0)).isEqualTo("6");
		assertThat(written(-0.5)).isEqualTo("-0.5");
		assertThat(written(-49.998999999999995)).isEqualTo("-49.999");
		assertThat(written(0.00000004)).isEqualTo("0");
		assertThat(written(-0.00000006)).isEqualTo("-0.0000001");
		assertThat(written(359.99999996)).isEqualTo("360");
	}

	@Test
	void readsBackAsTheValueRoundedToSevenPlaces() {
		Random random = new Random(14);
		for (int i = 0; i < 100_000; i++) {
			double value = (random.nextDouble() - 0.5) * 400;
			double read = Double.parseDouble(written(value));
			assertThat(read).as("%s", value).isEqualTo(Math.round(value * 1e7) / 1e7);
		}
	}

	@Test
	void writesWholeNumbersAndTheLargeOrOddDecimalsAsJavaDoes() {
		assertThat(new String(this.text.clear()
			.append(0L)
			.append(',')
			.append(-42L)
			.append(',')
			.append(Long.MAX_VALUE)
			.append(',')
			.append(Long.MIN_VALUE)
			.toBytes(), StandardCharsets.US_ASCII)).isEqualTo("0,-42," + Long.MAX_VALUE + "," + Long.MIN_VALUE);
		assertThat(written(1e12)).isEqualTo(Double.toString(1e12));
		assertThat(written(Double.NaN)).isEqualTo("NaN");
	}

	@Test
	void writesTextAsUtf8AfterWhatCameBefore() {
		byte[] bytes = this.text.clear().append(4.5).append(',').append("order-é1").toBytes();
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("4.5,order-é1");
		assertThat(this.text.clear().append("order-1").toBytes()).isEqualTo("order-1".getBytes(StandardCharsets.UTF_8));
	}

	private String written(double value) {
		return new String(this.text.clear().append(value).toBytes(), StandardCharsets.US_ASCII);
	}

}
