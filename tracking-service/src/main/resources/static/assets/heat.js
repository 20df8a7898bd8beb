// The two heat scales, both read by the square root of the share of the busiest cell, so a few dense cells do not
// wash out the rest of the city.

// Density layer: cool blue → teal → amber → red, as [r, g, b] for ImageData.
export const DENSITY_RAMP = [
  [40, 90, 170],
  [30, 190, 170],
  [250, 200, 60],
  [255, 72, 60],
];

export function densityColor(f) {
  const x = Math.max(0, Math.min(1, f)) * (DENSITY_RAMP.length - 1);
  const i = Math.min(DENSITY_RAMP.length - 2, Math.floor(x));
  const k = x - i;
  const a = DENSITY_RAMP[i];
  const b = DENSITY_RAMP[i + 1];
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

// Zones layer: deep blue → blue → violet → pink, as a CSS colour. It reads on the dark map, and the riders' grey,
// amber and green stay distinct on top of it.
const ZONE_RAMP = [
  [0, [37, 64, 140]],
  [0.35, [59, 130, 246]],
  [0.7, [168, 85, 247]],
  [1, [236, 72, 153]],
];

export function zoneColor(f) {
  f = Math.max(0, Math.min(1, f));
  for (let i = 1; i < ZONE_RAMP.length; i++) {
    if (f <= ZONE_RAMP[i][0]) {
      const [f0, c0] = ZONE_RAMP[i - 1];
      const [f1, c1] = ZONE_RAMP[i];
      const k = (f - f0) / (f1 - f0);
      return `rgb(${c0.map((c, j) => Math.round(c + (c1[j] - c) * k)).join(',')})`;
    }
  }
  return 'rgb(236,72,153)';
}
