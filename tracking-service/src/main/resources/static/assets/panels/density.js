// The density view's panel (cell size, scale, riders in view by state) and the counts under the pointer.
import { formatCount } from '../format.js';
import { toWorld } from '../geo.js';
import { STATES } from '../states.js';

const $ = (id) => document.getElementById(id);

export class DensityPanel {
  constructor(map, density) {
    this.map = map;
    this.density = density;
    map.on('mousemove', (e) => this.tip(e));
    map.on('mouseout', () => {
      $('density-tip').hidden = true;
    });
  }

  show() {
    const density = this.density;
    const on = density.active;
    $('density-scale').hidden = !on;
    $('legend').classList.toggle('dimmed', on);
    if (!on) {
      $('density-tip').hidden = true;
      return;
    }
    $('density-max').textContent = formatCount(density.max);
    const metres = (40075016 * Math.cos((this.map.getCenter().lat * Math.PI) / 180)) / Math.pow(2, density.level);
    $('density-cell').textContent =
      `cells ≈ ${metres >= 1000 ? (metres / 1000).toFixed(1) + ' km' : Math.round(metres) + ' m'}`;
    $('density-split').innerHTML = STATES.map(
      (st, i) => `<span><i style="background:${st.color}"></i>${formatCount(density.totals[i])}</span>`,
    ).join('');
  }

  tip(e) {
    const tip = $('density-tip');
    if (!this.density.active) {
      tip.hidden = true;
      return;
    }
    const [wx, wy] = toWorld(e.latlng.lat, e.latlng.lng);
    const v = this.density.at(wx, wy);
    if (!v) {
      tip.hidden = true;
      return;
    }
    tip.hidden = false;
    tip.style.left = e.containerPoint.x + 14 + 'px';
    tip.style.top = e.containerPoint.y + 10 + 'px';
    tip.innerHTML =
      `<b>${formatCount(v[0] + v[1] + v[2])} riders</b>` +
      STATES.map((st, i) => `<span><i style="background:${st.color}"></i>${st.name} ${v[i]}</span>`).join('') +
      '<small>click to zoom in</small>';
  }
}
