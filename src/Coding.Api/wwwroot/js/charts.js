// Small SVG charts for the dashboard and CDI pages: no library, no network (hospitals run offline).
// Every chart draws into a container element, replacing what was there, and sizes itself to the container's width.

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgFor(container, height, label) {
  const width = Math.max(320, Math.floor(container.clientWidth || 600));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', height, role: 'img', 'aria-label': label, class: 'chart' });
  svg.appendChild(el('title', {}, label));
  container.replaceChildren(svg);
  return { svg, width };
}

// "Nice" axis maximum and ticks: 0, step, 2·step … ≥ max.
function ticks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [];
  for (let v = 0; v < max + step * 0.999; v += step) out.push(+v.toPrecision(12));
  return out;
}

function legend(svg, series, x, y) {
  let offset = x;
  for (const s of series) {
    svg.appendChild(el('rect', { x: offset, y: y - 9, width: 12, height: 12, rx: 2, fill: s.color }));
    const t = el('text', { x: offset + 16, y: y + 1, class: 'chart-legend' }, s.name);
    svg.appendChild(t);
    offset += 28 + s.name.length * 7;
  }
}

function emptyNote(svg, width, height, text) {
  svg.appendChild(el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, text));
}

/**
 * Line chart over a shared x axis.
 * opts: { label, xs: [Date], series: [{ name, color, values: [number|null] }], yFormat(v), xFormat(d), empty }
 */
export function lineChart(container, opts) {
  const height = opts.height ?? 240;
  const { svg, width } = svgFor(container, height, opts.label);
  const m = { l: 56, r: 16, t: 28, b: 34 };
  const w = width - m.l - m.r, h = height - m.t - m.b;
  const all = opts.series.flatMap(s => s.values).filter(v => v !== null && v !== undefined);
  const yTicks = ticks(Math.max(0, ...all));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const n = opts.xs.length;
  const x = i => m.l + (n <= 1 ? w / 2 : (i * w) / (n - 1));
  const y = v => m.t + h - (v / yMax) * h;
  const fmt = opts.yFormat ?? (v => String(v));

  for (const t of yTicks) {
    svg.appendChild(el('line', { x1: m.l, x2: m.l + w, y1: y(t), y2: y(t), class: 'chart-grid' }));
    svg.appendChild(el('text', { x: m.l - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'chart-tick' }, fmt(t)));
  }
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(w / 70))));
  opts.xs.forEach((d, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    svg.appendChild(el('text', { x: x(i), y: m.t + h + 18, 'text-anchor': 'middle', class: 'chart-tick' }, opts.xFormat ? opts.xFormat(d) : String(d)));
  });
  svg.appendChild(el('line', { x1: m.l, x2: m.l + w, y1: m.t + h, y2: m.t + h, class: 'chart-axis' }));

  if (all.length === 0) emptyNote(svg, width, height, opts.empty ?? 'no data in this window');
  opts.series.forEach((s, index) => {
    // Earlier series are drawn wider, so a later one with the same values (coded = ingested) leaves an edge visible.
    const widthPx = Math.max(1.6, 4 - index * 0.8);
    // Gaps (null) break the line: an hour with nothing coded has no latency, not a latency of zero.
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (d) svg.appendChild(el('path', { d, fill: 'none', stroke: s.color, 'stroke-width': widthPx, 'stroke-linejoin': 'round', 'stroke-opacity': 0.9, 'data-series': s.name }));
    s.values.forEach((v, i) => {
      if (v === null || v === undefined || (v === 0 && n > 12)) return;
      const dot = el('circle', { cx: x(i), cy: y(v), r: 2 + widthPx / 2, fill: s.color });
      dot.appendChild(el('title', {}, `${s.name}: ${fmt(v)} (${opts.xFormat ? opts.xFormat(opts.xs[i]) : opts.xs[i]})`));
      svg.appendChild(dot);
    });
  });
  legend(svg, opts.series, m.l, 14);
}

/**
 * Horizontal 100 % stacked bars, one per category (code family, coder): the shares of each outcome.
 * opts: { label, rows: [{ label, parts: [number], note }], parts: [{ name, color }] }
 */
export function stackedBars(container, opts) {
  const barH = 22, gap = 10;
  const m = { l: Math.min(260, 12 + 7 * Math.max(8, ...opts.rows.map(r => r.label.length))), r: 70, t: 30, b: 10 };
  const height = m.t + m.b + Math.max(1, opts.rows.length) * (barH + gap);
  const { svg, width } = svgFor(container, height, opts.label);
  const w = width - m.l - m.r;
  legend(svg, opts.parts, m.l, 14);
  if (opts.rows.length === 0) emptyNote(svg, width, height + 10, opts.empty ?? 'no decisions in this window');
  opts.rows.forEach((row, i) => {
    const y = m.t + i * (barH + gap);
    const total = row.parts.reduce((a, b) => a + b, 0);
    const label = row.label.length > 36 ? row.label.slice(0, 35) + '…' : row.label;
    const t = el('text', { x: m.l - 8, y: y + barH / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, label);
    t.appendChild(el('title', {}, row.label));
    svg.appendChild(t);
    svg.appendChild(el('rect', { x: m.l, y, width: w, height: barH, class: 'chart-track' }));
    let offset = 0;
    row.parts.forEach((v, p) => {
      if (!total || !v) return;
      const share = v / total;
      const rect = el('rect', { x: m.l + offset * w, y, width: Math.max(1, share * w), height: barH, fill: opts.parts[p].color });
      rect.appendChild(el('title', {}, `${row.label} — ${opts.parts[p].name}: ${v} (${Math.round(share * 100)} %)`));
      svg.appendChild(rect);
      if (share * w > 34) svg.appendChild(el('text', { x: m.l + (offset + share / 2) * w, y: y + barH / 2 + 4, 'text-anchor': 'middle', class: 'chart-inbar' }, `${Math.round(share * 100)}%`));
      offset += share;
    });
    svg.appendChild(el('text', { x: m.l + w + 8, y: y + barH / 2 + 4, class: 'chart-tick' }, row.note ?? `n=${total}`));
  });
}

/**
 * Grouped vertical bars (e.g. per-chapter F1 of two runs, or a delta with negative values).
 * opts: { label, categories: [string], series: [{ name, color, values: [number|null] }], yFormat, min, max }
 */
export function groupedBars(container, opts) {
  const height = opts.height ?? 260;
  const { svg, width } = svgFor(container, height, opts.label);
  const m = { l: 48, r: 12, t: 28, b: 46 };
  const w = width - m.l - m.r, h = height - m.t - m.b;
  const values = opts.series.flatMap(s => s.values).filter(v => v !== null && v !== undefined);
  const min = opts.min ?? Math.min(0, ...values), max = opts.max ?? Math.max(0, ...values, 0.01);
  const y = v => m.t + h - ((v - min) / (max - min || 1)) * h;
  const fmt = opts.yFormat ?? (v => v.toFixed(2));
  const steps = 4;
  for (let i = 0; i <= steps; i++) {
    const v = min + ((max - min) * i) / steps;
    svg.appendChild(el('line', { x1: m.l, x2: m.l + w, y1: y(v), y2: y(v), class: 'chart-grid' }));
    svg.appendChild(el('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-tick' }, fmt(v)));
  }
  svg.appendChild(el('line', { x1: m.l, x2: m.l + w, y1: y(0), y2: y(0), class: 'chart-axis' }));
  const band = w / Math.max(1, opts.categories.length);
  const bw = Math.min(28, (band * 0.8) / opts.series.length);
  opts.categories.forEach((c, i) => {
    const cx = m.l + band * (i + 0.5);
    svg.appendChild(el('text', { x: cx, y: m.t + h + 16, 'text-anchor': 'middle', class: 'chart-tick' }, c));
    opts.series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const x = cx - (bw * opts.series.length) / 2 + j * bw;
      const rect = el('rect', { x, y: Math.min(y(v), y(0)), width: bw - 2, height: Math.max(1, Math.abs(y(v) - y(0))), fill: typeof s.color === 'function' ? s.color(v) : s.color });
      rect.appendChild(el('title', {}, `${c} — ${s.name}: ${fmt(v)}`));
      svg.appendChild(rect);
    });
  });
  if (opts.axisLabel) svg.appendChild(el('text', { x: m.l + w / 2, y: height - 6, 'text-anchor': 'middle', class: 'chart-tick' }, opts.axisLabel));
  legend(svg, opts.series.map(s => ({ name: s.name, color: typeof s.color === 'function' ? s.color(1) : s.color })), m.l, 14);
}

/**
 * Calibration plot: mean predicted confidence (x) against observed precision (y) per bucket, one line per run,
 * with the diagonal a perfectly calibrated engine would follow. Point area grows with the bucket's size.
 * opts: { label, runs: [{ name, color, buckets: [{ meanScore, precision, predictions }] }] }
 */
export function calibrationPlot(container, opts) {
  const size = Math.min(420, Math.max(300, container.clientWidth || 400));
  const height = size;
  const { svg, width } = svgFor(container, height, opts.label);
  const m = { l: 52, r: 16, t: 30, b: 42 };
  const side = Math.min(width - m.l - m.r, height - m.t - m.b);
  const x = v => m.l + v * side, y = v => m.t + side - v * side;
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    svg.appendChild(el('line', { x1: x(0), x2: x(1), y1: y(v), y2: y(v), class: 'chart-grid' }));
    svg.appendChild(el('line', { x1: x(v), x2: x(v), y1: y(0), y2: y(1), class: 'chart-grid' }));
    svg.appendChild(el('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-tick' }, v.toFixed(1)));
    svg.appendChild(el('text', { x: x(v), y: y(0) + 16, 'text-anchor': 'middle', class: 'chart-tick' }, v.toFixed(1)));
  }
  svg.appendChild(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'chart-diagonal' }));
  svg.appendChild(el('text', { x: x(0.5), y: height - 6, 'text-anchor': 'middle', class: 'chart-tick' }, 'predicted confidence (bucket mean)'));
  const yl = el('text', { x: 12, y: y(0.5), 'text-anchor': 'middle', class: 'chart-tick', transform: `rotate(-90 12 ${y(0.5)})` }, 'observed precision');
  svg.appendChild(yl);
  const most = Math.max(1, ...opts.runs.flatMap(r => r.buckets.map(b => b.predictions)));
  for (const run of opts.runs) {
    const pts = run.buckets.filter(b => b.predictions > 0 && b.meanScore !== null && b.precision !== null);
    if (pts.length) svg.appendChild(el('path', { d: pts.map((b, i) => `${i ? 'L' : 'M'}${x(b.meanScore).toFixed(1)},${y(b.precision).toFixed(1)}`).join(''), fill: 'none', stroke: run.color, 'stroke-width': 2, 'data-series': run.name }));
    for (const b of pts) {
      const dot = el('circle', { cx: x(b.meanScore), cy: y(b.precision), r: 3 + 6 * Math.sqrt(b.predictions / most), fill: run.color, 'fill-opacity': 0.75 });
      dot.appendChild(el('title', {}, `${run.name}: confidence ${b.meanScore.toFixed(2)}, precision ${b.precision.toFixed(2)}, n=${b.predictions}`));
      svg.appendChild(dot);
    }
  }
  legend(svg, opts.runs, m.l, 14);
}

export const palette = { ingested: '#2563eb', coded: '#16a34a', finalized: '#0891b2', failed: '#dc2626', p50: '#7c3aed', p95: '#ea580c', accepted: '#16a34a', modified: '#f59e0b', rejected: '#dc2626', a: '#64748b', b: '#2563eb' };
