package dev.ridertrack.loadgen.city;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.ridertrack.events.Place;
import dev.ridertrack.loadgen.LoadGeneratorProperties.Bbox;

/**
 * A Manhattan-style city laid over a bounding box: streets every {@value #BLOCK_M} metres
 * east-west and north-south, every {@value #ARTERIAL_EVERY}th one an arterial road where
 * traffic moves faster. Restaurants stand at intersections; every other intersection is a
 * customer's door. Positions are metres east ({@code x}) and north ({@code y}) of the
 * south-west corner, so grid arithmetic stays exact; {@link #lat} and {@link #lon} turn
 * them into coordinates.
 */
public final class City {

	/** The length of one block, metres. */
	public static final double BLOCK_M = 150;

	/** Every this many streets one is an arterial road. */
	public static final int ARTERIAL_EVERY = 8;

	/** Restaurants are found in cells of this many blocks square. */
	static final int CELL_BLOCKS = 8;

	private static final double M_PER_DEG_LAT = 111_320;

	private static final ZoneOffset CITY_TIME = ZoneOffset.ofHoursMinutes(5, 30);

	private static final String[] FIRST = { "Shree", "Bombay", "Royal", "Udupi", "Punjabi", "Coastal", "Irani",
			"Kerala", "Sagar", "Bandra", "Juhu", "Dadar", "Colaba", "Marine", "Hotel", "Cafe" };

	private static final String[] SECOND = { "Biryani House", "Dosa Corner", "Vada Pav", "Chaat Bhandar", "Tandoor",
			"Kitchen", "Thali", "Pizza", "Misal", "Bakery", "Dhaba", "Seafood", "Sweets", "Rolls", "Momos", "Chinese" };

	private final double latMin;

	private final double lonMin;

	private final double mPerDegLon;

	private final int cols;

	private final int rows;

	private final Place[] restaurants;

	private final int[] restaurantCol;

	private final int[] restaurantRow;

	private final int cellCols;

	private final int[][] restaurantsByCell;

	private final float[] cellTraffic;

	/**
	 * Lays out the city.
	 * @param box the bounding box
	 * @param seed the same seed gives the same restaurants and traffic
	 */
	public City(Bbox box, long seed) {
		if (box.latMax() <= box.latMin() || box.lonMax() <= box.lonMin()) {
			throw new IllegalArgumentException("the city box is empty: " + box);
		}
		this.latMin = box.latMin();
		this.lonMin = box.lonMin();
		this.mPerDegLon = M_PER_DEG_LAT * Math.cos(Math.toRadians((box.latMin() + box.latMax()) / 2));
		double width = (box.lonMax() - box.lonMin()) * this.mPerDegLon;
		double height = (box.latMax() - box.latMin()) * M_PER_DEG_LAT;
		this.cols = (int) Math.floor(width / BLOCK_M) + 1;
		this.rows = (int) Math.floor(height / BLOCK_M) + 1;
		if (this.cols < 6 || this.rows < 6) {
			throw new IllegalArgumentException("the city box is too small for a street grid: " + box);
		}
		SplittableRandom random = new SplittableRandom(seed);
		int count = Math.max(20, (this.cols - 2) * (this.rows - 2) / 25);
		this.restaurants = new Place[count];
		this.restaurantCol = new int[count];
		this.restaurantRow = new int[count];
		this.cellCols = (this.cols + CELL_BLOCKS - 1) / CELL_BLOCKS;
		int cellRows = (this.rows + CELL_BLOCKS - 1) / CELL_BLOCKS;
		List<List<Integer>> cells = new ArrayList<>();
		for (int i = 0; i < this.cellCols * cellRows; i++) {
			cells.add(new ArrayList<>());
		}
		for (int r = 0; r < count; r++) {
			int col = 1 + random.nextInt(this.cols - 2);
			int row = 1 + random.nextInt(this.rows - 2);
			this.restaurantCol[r] = col;
			this.restaurantRow[r] = row;
			String name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)];
			this.restaurants[r] = new Place("restaurant-" + r, name, lat(row * BLOCK_M), lon(col * BLOCK_M));
			cells.get(cell(col, row)).add(r);
		}
		this.restaurantsByCell = new int[cells.size()][];
		for (int i = 0; i < cells.size(); i++) {
			this.restaurantsByCell[i] = cells.get(i).stream().mapToInt(Integer::intValue).toArray();
		}
		// Some neighbourhoods are always slower (markets, narrow lanes) than others.
		this.cellTraffic = new float[cells.size()];
		for (int i = 0; i < this.cellTraffic.length; i++) {
			this.cellTraffic[i] = (float) (0.7 + 0.4 * random.nextDouble());
		}
	}

	/**
	 * @return intersections along an east-west street
	 */
	public int cols() {
		return this.cols;
	}

	/**
	 * @return intersections along a north-south street
	 */
	public int rows() {
		return this.rows;
	}

	/**
	 * @param y metres north of the south-west corner
	 * @return latitude in degrees
	 */
	public double lat(double y) {
		return this.latMin + y / M_PER_DEG_LAT;
	}

	/**
	 * @param x metres east of the south-west corner
	 * @return longitude in degrees
	 */
	public double lon(double x) {
		return this.lonMin + x / this.mPerDegLon;
	}

	/**
	 * @return metres per degree of latitude
	 */
	public double metresPerDegreeLat() {
		return M_PER_DEG_LAT;
	}

	/**
	 * @return metres per degree of longitude at the city's latitude
	 */
	public double metresPerDegreeLon() {
		return this.mPerDegLon;
	}

	/**
	 * @return how many restaurants the city has
	 */
	public int restaurantCount() {
		return this.restaurants.length;
	}

	/**
	 * @param r a restaurant index
	 * @return the restaurant as an event place
	 */
	public Place restaurant(int r) {
		return this.restaurants[r];
	}

	int restaurantCol(int r) {
		return this.restaurantCol[r];
	}

	int restaurantRow(int r) {
		return this.restaurantRow[r];
	}

	/**
	 * The customer living at an intersection.
	 * @param col the intersection's column
	 * @param row the intersection's row
	 * @return the customer as an event place
	 */
	public Place customer(int col, int row) {
		return new Place("customer-" + col + "-" + row, "Flat " + (1 + (col * 31 + row * 17) % 400) + ", Road " + row,
				lat(row * BLOCK_M), lon(col * BLOCK_M));
	}

	/**
	 * A restaurant near an intersection: one from its neighbourhood if there is any.
	 * @param col column of the intersection
	 * @param row row of the intersection
	 * @param random the caller's random source
	 * @return a restaurant index
	 */
	int restaurantNear(int col, int row, SplittableRandom random) {
		int cx = col / CELL_BLOCKS;
		int cy = row / CELL_BLOCKS;
		for (int attempt = 0; attempt < 6; attempt++) {
			int x = cx + random.nextInt(3) - 1;
			int y = cy + random.nextInt(3) - 1;
			if (x < 0 || y < 0 || x >= this.cellCols || y * this.cellCols + x >= this.restaurantsByCell.length) {
				continue;
			}
			int[] here = this.restaurantsByCell[y * this.cellCols + x];
			if (here.length > 0) {
				return here[random.nextInt(here.length)];
			}
		}
		return random.nextInt(this.restaurants.length);
	}

	/**
	 * Whether the north-south street at a column is an arterial.
	 * @param col the column
	 * @return {@code true} for an arterial
	 */
	boolean arterialColumn(int col) {
		return col % ARTERIAL_EVERY == 0;
	}

	/**
	 * Whether the east-west street at a row is an arterial.
	 * @param row the row
	 * @return {@code true} for an arterial
	 */
	boolean arterialRow(int row) {
		return row % ARTERIAL_EVERY == 0;
	}

	/**
	 * How fast traffic flows in the neighbourhood of a point, 0.7 to 1.1.
	 * @param x metres east
	 * @param y metres north
	 * @return a speed factor
	 */
	double neighbourhoodTraffic(double x, double y) {
		int col = Math.min(this.cols - 1, Math.max(0, (int) (x / BLOCK_M)));
		int row = Math.min(this.rows - 1, Math.max(0, (int) (y / BLOCK_M)));
		return this.cellTraffic[cell(col, row)];
	}

	/**
	 * How fast traffic flows at a time of day, in city time: slow in the morning and
	 * evening rush, fast at night.
	 * @param epochMillis the time
	 * @return a speed factor, 0.6 to 1.15
	 */
	static double rushHourTraffic(long epochMillis) {
		double h = hourOfDay(epochMillis);
		double f = 1.15 - 0.35 * bump(h, 9.5, 1.5) - 0.5 * bump(h, 19, 2);
		return Math.max(0.6, f);
	}

	/**
	 * How many orders come in at a time of day compared with the average: lunch and
	 * dinner peaks.
	 * @param epochMillis the time
	 * @return a demand factor, 0.5 to about 1.6
	 */
	static double mealTimeDemand(long epochMillis) {
		double h = hourOfDay(epochMillis);
		return 0.6 + 0.7 * bump(h, 13, 1.3) + 1.0 * bump(h, 20.5, 1.6);
	}

	private static double hourOfDay(long epochMillis) {
		return Instant.ofEpochMilli(epochMillis).atOffset(CITY_TIME).toLocalTime().toSecondOfDay() / 3600.0;
	}

	private static double bump(double h, double centre, double width) {
		double d = Math.abs(h - centre);
		d = Math.min(d, 24 - d);
		return Math.exp(-(d / width) * (d / width));
	}

	private int cell(int col, int row) {
		return (row / CELL_BLOCKS) * this.cellCols + col / CELL_BLOCKS;
	}

}
