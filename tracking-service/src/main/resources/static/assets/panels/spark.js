// City sparklines: drawn on a canvas, sized to its CSS box.
// a sparkline: area + line + a dot on the newest value; gaps (null) break the line
export function spark(canvas, values, color, empty = 'no data yet') {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width,
    h = canvas.clientHeight || canvas.height;
  if (canvas.width !== w * ratio) {
    canvas.width = w * ratio;
    canvas.height = h * ratio;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const nums = values.filter((v) => v != null);
  if (!nums.length) {
    ctx.fillStyle = 'rgba(139,155,176,.6)';
    ctx.font = '11px system-ui';
    ctx.fillText(empty, 4, h / 2 + 4);
    return;
  }
  const max = Math.max(...nums) * 1.1 || 1;
  const n = Math.max(2, values.length);
  const x = (i) => 2 + ((w - 6) * i) / (n - 1);
  const y = (v) => h - 3 - ((h - 8) * v) / max;
  ctx.strokeStyle = 'rgba(139,155,176,.15)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, h - 2.5);
  ctx.lineTo(w, h - 2.5);
  ctx.stroke();
  const grad = ctx.createLinearGradient(0, 0, 0, h);
  grad.addColorStop(0, color + '55');
  grad.addColorStop(1, color + '00');
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      ctx.beginPath();
      ctx.moveTo(x(run[0][0]), h);
      for (const [i, v] of run) ctx.lineTo(x(i), y(v));
      ctx.lineTo(x(run[run.length - 1][0]), h);
      ctx.closePath();
      ctx.fillStyle = grad;
      ctx.fill();
      ctx.beginPath();
      run.forEach(([i, v], k) => (k ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v))));
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.8;
      ctx.lineJoin = 'round';
      ctx.stroke();
    }
    run = [];
  };
  values.forEach((v, i) => {
    if (v == null) flush();
    else run.push([i, v]);
  });
  flush();
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] == null) continue;
    ctx.beginPath();
    ctx.arc(x(i), y(values[i]), 3, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    break;
  }
}
