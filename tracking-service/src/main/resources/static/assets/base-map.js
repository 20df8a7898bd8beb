// The map under the riders: a drawn map of the city, or real tiles when the deployment chose a tile server.
import * as L from '/webjars/leaflet/dist/leaflet-src.esm.js';

// By default a drawn map (a zone grid in two tones, the city's outline and district names) that asks
// nothing of the internet: offline, the console stays clean. Real tiles are a setting
// (ridertrack.map.tiles, RIDERTRACK_MAP_TILES), handed to the page in a meta tag; if they cannot load,
// the drawn map takes over.
export function addBaseMap(map, cityBounds) {
  const meta = document.querySelector('meta[name="ridertrack-map-tiles"]');
  const tiles = meta ? meta.content.trim() : '';
  if (!tiles) {
    drawn(map, cityBounds);
  } else {
    const layer = L.tileLayer(tiles, { maxZoom: 19, attribution: meta.dataset.attribution || '' });
    let loaded = 0,
      failed = 0,
      offline = false;
    layer.on('tileload', () => {
      loaded++;
    });
    layer.on('tileerror', () => {
      failed++;
      if (!offline && loaded === 0 && failed >= 2) {
        offline = true;
        map.removeLayer(layer);
        drawn(map, cityBounds);
      }
    });
    layer.addTo(map);
    map.getContainer().classList.add('online');
  }
  // the zoom as page state (data-zoom on the map), for whoever reads the page: the browser tests do
  const showZoom = () => {
    map.getContainer().dataset.zoom = String(map.getZoom());
  };
  map.on('zoomend', showZoom);
  showZoom();
}

function drawn(map, cityBounds) {
  new OfflineMap(map, cityBounds);
  map.getContainer().classList.remove('online');
  map.getContainer().classList.add('offline');
}

const DISTRICTS = [
  ['Northgate', 'Hillside', 'Old Quarter'],
  ['Riverside', 'Centre', 'Market'],
  ['Harbour', 'Southbank', 'University'],
];

class OfflineMap {
  constructor(map, cityBounds) {
    this.map = map;
    this.cityBounds = cityBounds;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'base-canvas';
    map.getContainer().insertBefore(this.canvas, map.getContainer().firstChild);
    this.ctx = this.canvas.getContext('2d');
    const redraw = () => this.draw();
    map.on('move zoom resize', redraw);
    setInterval(redraw, 2000); // the city outline follows the riders as they arrive
    redraw();
  }

  draw() {
    const size = this.map.getSize();
    const c = this.canvas,
      ctx = this.ctx;
    if (c.width !== size.x || c.height !== size.y) {
      c.width = size.x;
      c.height = size.y;
    }
    ctx.fillStyle = '#0d1520';
    ctx.fillRect(0, 0, c.width, c.height);
    // zone grid: cells of a round number of degrees, about 60–150 px wide
    const b = this.map.getBounds();
    const pxPerDeg = size.x / (b.getEast() - b.getWest());
    let step = 10;
    const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005];
    for (const s of steps) {
      if (s * pxPerDeg >= 60) step = s;
    }
    const west = Math.floor(b.getWest() / step) * step,
      south = Math.floor(b.getSouth() / step) * step;
    for (let lon = west; lon < b.getEast(); lon += step) {
      for (let lat = south; lat < b.getNorth(); lat += step) {
        const p0 = this.map.latLngToContainerPoint([lat + step, lon]);
        const p1 = this.map.latLngToContainerPoint([lat, lon + step]);
        const odd = (Math.round(lon / step) + Math.round(lat / step)) & 1;
        ctx.fillStyle = odd ? '#111c29' : '#0f1824';
        ctx.fillRect(p0.x, p0.y, p1.x - p0.x, p1.y - p0.y);
        ctx.strokeStyle = 'rgba(120,150,190,0.10)';
        ctx.lineWidth = 1;
        ctx.strokeRect(p0.x + 0.5, p0.y + 0.5, p1.x - p0.x, p1.y - p0.y);
      }
    }
    const city = this.cityBounds();
    if (!city) return;
    const pad = 0.08;
    const dLat = (city.getNorth() - city.getSouth()) * pad || 0.01,
      dLon = (city.getEast() - city.getWest()) * pad || 0.01;
    const nw = this.map.latLngToContainerPoint([city.getNorth() + dLat, city.getWest() - dLon]);
    const se = this.map.latLngToContainerPoint([city.getSouth() - dLat, city.getEast() + dLon]);
    const wpx = se.x - nw.x,
      hpx = se.y - nw.y;
    ctx.save();
    ctx.beginPath();
    ctx.roundRect ? ctx.roundRect(nw.x, nw.y, wpx, hpx, Math.min(wpx, hpx) * 0.12) : ctx.rect(nw.x, nw.y, wpx, hpx);
    ctx.fillStyle = 'rgba(60,90,130,0.10)';
    ctx.fill();
    ctx.setLineDash([8, 6]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(140,175,220,0.45)';
    ctx.stroke();
    ctx.setLineDash([]);
    // a river through the middle, for orientation
    ctx.beginPath();
    ctx.moveTo(nw.x, nw.y + hpx * 0.58);
    ctx.bezierCurveTo(nw.x + wpx * 0.3, nw.y + hpx * 0.42, nw.x + wpx * 0.6, nw.y + hpx * 0.72, se.x, nw.y + hpx * 0.5);
    ctx.lineWidth = Math.max(3, wpx / 90);
    ctx.strokeStyle = 'rgba(70,130,200,0.25)';
    ctx.stroke();
    // District names, thinned by zoom so they never overlap: all nine when each fits its third of the
    // city, the four corners and the centre when they fit two thirds apart, the centre alone, or none.
    const font = Math.max(11, Math.min(18, wpx / 40));
    ctx.font = `600 ${font}px Inter, system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillStyle = 'rgba(170,195,225,0.42)';
    let widest = 0;
    for (const row of DISTRICTS)
      for (const name of row) widest = Math.max(widest, ctx.measureText(name.toUpperCase()).width);
    const room = (cells) => (wpx * cells) / 3 >= widest + 24 && (hpx * cells) / 3 >= font * 2.4;
    const shown = room(1)
      ? [0, 1, 2].flatMap((r) => [
          [r, 0],
          [r, 1],
          [r, 2],
        ])
      : room(2)
        ? [
            [0, 0],
            [0, 2],
            [1, 1],
            [2, 0],
            [2, 2],
          ]
        : room(3) && wpx >= widest * 1.6
          ? [[1, 1]]
          : [];
    for (const [row, col] of shown) {
      const x = nw.x + (wpx * (col + 0.5)) / 3,
        y = nw.y + (hpx * (row + 0.5)) / 3;
      ctx.fillText(DISTRICTS[row][col].toUpperCase(), x, y);
    }
    this.labels = shown.length;
    this.map.getContainer().dataset.districtLabels = String(shown.length);
    ctx.restore();
  }
}
