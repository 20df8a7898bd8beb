// The operator dashboard's entry: builds the map and its layers, the panels, and the live socket, and wires them.
import { decodeFrame } from './frame.js';
import { addBaseMap } from './base-map.js';
import { Density, L, RiderLayer } from './map-layer.js';
import { RiderSet } from './riders.js';
import { STATES } from './states.js';
import { DensityPanel } from './panels/density.js';
import { RiderDetails } from './panels/details.js';
import { LiveFigures } from './panels/figures.js';
import { startKafkaPanel } from './panels/kafka.js';
import { startOrders } from './panels/orders.js';
import { Replay } from './panels/replay.js';
import { toast } from './panels/toast.js';
import { Zones } from './panels/zones.js';

const $ = (id) => document.getElementById(id);

const riders = new RiderSet();
const density = new Density();
const map = L.map('map', { zoomControl: true, zoomAnimation: false, preferCanvas: true, worldCopyJump: false }).setView(
  [0, 0],
  2,
);
addBaseMap(map, () => {
  const b = riders.bounds();
  return b ? L.latLngBounds(b) : density.bounds();
});
const layer = new RiderLayer(map, riders, { density });
const figures = new LiveFigures($('counters'));
const densityPanel = new DensityPanel(map, density);

// Open on where the riders are, until the operator moves the map: from then on the page leaves it alone. Capture
// phase, so the zoom buttons (which stop their clicks from reaching the map) count too.
let fitted = false;
let densityFits = 0;
let densityFitTotal = 0;
const stopFitting = () => {
  fitted = true;
};
['mousedown', 'wheel', 'touchstart', 'keydown'].forEach((type) =>
  map.getContainer().addEventListener(type, stopFitting, { passive: true, capture: true }),
);

$('legend').innerHTML =
  STATES.map((s) => `<span><i style="background:${s.color}"></i>${s.name}</span>`).join('') +
  '<span title="A phone running Traccar Client, OsmAnd or OwnTracks (rider id phone-…)"><i class="phone"></i>Real phone</span>' +
  '<label class="switch" title="Riders per zone, from analytics\' zone-stats"><input type="checkbox" id="zones-toggle"><b></b>Zones heat</label>';
const zones = new Zones(map);
$('zones-toggle').onchange = (e) => zones.toggle(e.target.checked);
const replay = new Replay(map, { toast: (m) => toast(m, 5000) });
const details = new RiderDetails({ map, riders, layer, replay, onPan: stopFitting });
startOrders((riderId, pan) => details.select(riderId, pan), replay);
startKafkaPanel();

map.on('click', (e) => {
  if (density.active) {
    map.setView(e.latlng, Math.min(map.getZoom() + 2, 18));
    return;
  }
  const k = layer.nearest(e.containerPoint, 14);
  if (k >= 0) details.select(riders.ids[k]);
  else details.unselect();
});

let socket;

function connect() {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${proto}://${location.host}/ws/live`);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    setConn(true, 'Live');
    sendViewport();
  };
  socket.onclose = (e) => {
    setConn(false, e.code === 1008 ? 'Signed out' : 'Reconnecting…');
    if (e.code === 1008) {
      location.href = '/login';
      return;
    }
    setTimeout(connect, 1500);
  };
  socket.onmessage = (e) => {
    const now = performance.now();
    if (typeof e.data === 'string') {
      const msg = JSON.parse(e.data);
      if (msg.type === 'stats') figures.fixesPerSec(msg.fixesPerSec);
      return;
    }
    const frame = decodeFrame(e.data);
    const sendLatency = Date.now() - frame.sentAt;
    figures.frame(e.data.byteLength, sendLatency, frame, now);
    if (frame.kind === 2) {
      // zoomed out: counts per cell replace the riders until the view zooms back in
      if (frame.reset) riders.clear();
      density.apply(frame);
      densityPanel.show();
    } else {
      if (frame.reset && density.active) {
        density.clear();
        densityPanel.show();
      }
      riders.apply(frame, now);
    }
    figures.shown(frame, riders, density);
    layer.wake();
    // Open on where the riders are. From the whole world (a density view) the cells are coarse, so
    // fit to them, get finer cells at the new zoom, fit again, until the riders themselves arrive.
    // The first fit takes the first density frame with riders in it: the first reset frame can be empty
    // (the live feed resumes when the first viewer comes), and the next reset comes only with a move. While the
    // feed is still reading its way back to now, a fit made on the riders heard so far is made again once there
    // are half as many more: otherwise the page stayed on a view fitted to part of the city, off its centre.
    if (!fitted && riders.count > 0) {
      fitted = true;
      const b = riders.bounds();
      if (b) map.fitBounds(L.latLngBounds(b).pad(0.12));
    } else if (
      !fitted &&
      frame.kind === 2 &&
      (frame.reset || densityFits === 0 || density.total > densityFitTotal * 1.5) &&
      density.total > 0 &&
      densityFits < 6
    ) {
      densityFits++;
      densityFitTotal = density.total;
      const b = density.bounds();
      if (b) map.fitBounds(L.latLngBounds(b).pad(0.05));
    }
    details.track();
  };
}

function sendViewport() {
  if (!socket || socket.readyState !== 1) return;
  const b = map.getBounds().pad(0.15);
  socket.send(JSON.stringify({ bbox: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()], zoom: map.getZoom() }));
}
map.on('moveend', sendViewport);

function setConn(ok, text) {
  $('conn').classList.toggle('ok', ok);
  $('conn-text').textContent = text;
}

setInterval(() => figures.tick({ draws: layer.drawsPerSec, drawMs: layer.drawMs, riders, density }), 1000);

connect();
