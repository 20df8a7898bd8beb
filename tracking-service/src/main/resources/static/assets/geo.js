// Normalised Web Mercator (the space map tiles use): x and y in [0, 1), y from the north.
export const mercX = (lon) => (lon + 180) / 360;

export const mercY = (lat) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

export function toWorld(lat, lon) {
  return [mercX(lon), mercY(lat)];
}

// the inverse, for a column or row of a grid 2^level cells across the world
export const lonOf = (x, scale) => (x / scale) * 360 - 180;
export const latOf = (y, scale) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / scale))) * 180) / Math.PI;
