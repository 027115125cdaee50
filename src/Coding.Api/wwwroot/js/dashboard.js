import { api, start } from './app.js';
import { lineChart, stackedBars, palette } from './charts.js';

const $ = id => document.getElementById(id);
const POLL_MS = 10000;

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds === 0) return '0';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${+seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

const pct = v => (v === null || v === undefined ? '–' : `${Math.round(v * 100)} %`);
const hourLabel = d => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const dayHourLabel = d => `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${d.getHours()}h`;

function render(data) {
  const hours = data.hours.map(h => new Date(h.hour));
  const sum = key => data.hours.reduce((a, h) => a + h[key], 0);
  $('kpi-ingested').textContent = sum('ingested');
  $('kpi-coded').textContent = `${sum('coded')} / ${sum('finalized')}`;
  $('kpi-failed').textContent = `${sum('failed')} failed in the window, ${data.backlog.failed} failed in all`;
  $('kpi-engine').textContent = data.backlog.awaitingEngine;
  $('kpi-engine-age').textContent = data.backlog.awaitingEngine ? `oldest ${duration(data.backlog.awaitingEngineOldestSeconds)}, median ${duration(data.backlog.awaitingEngineMedianSeconds)}` : 'nothing waiting';
  $('kpi-review').textContent = data.backlog.awaitingReview;
  $('kpi-review-age').textContent = data.backlog.awaitingReview ? `oldest ${duration(data.backlog.awaitingReviewOldestSeconds)}, median ${duration(data.backlog.awaitingReviewMedianSeconds)}` : 'nothing waiting';
  $('kpi-latency').textContent = `${duration(data.latency.p50Seconds)} / ${duration(data.latency.p95Seconds)}`;
  $('kpi-acceptance').textContent = pct(data.decisions.acceptanceRate);
  $('kpi-decisions').textContent = `${data.decisions.decided} decisions, ${data.decisions.added} codes added`;

  const xFormat = hours.length > 30 ? dayHourLabel : hourLabel;
  lineChart($('chart-throughput'), {
    label: 'Encounters ingested and coded per hour', xs: hours, xFormat,
    series: [
      { name: 'ingested', color: palette.ingested, values: data.hours.map(h => h.ingested) },
      { name: 'coded', color: palette.coded, values: data.hours.map(h => h.coded) },
      { name: 'finalized', color: palette.finalized, values: data.hours.map(h => h.finalized) },
      { name: 'failed', color: palette.failed, values: data.hours.map(h => h.failed) },
    ],
  });
  lineChart($('chart-latency'), {
    label: 'Processing latency per hour', xs: hours, xFormat, yFormat: duration, empty: 'nothing coded in this window',
    series: [
      { name: 'p50', color: palette.p50, values: data.hours.map(h => h.latencyP50Seconds) },
      { name: 'p95', color: palette.p95, values: data.hours.map(h => h.latencyP95Seconds) },
    ],
  });
  const parts = [{ name: 'accepted', color: palette.accepted }, { name: 'modified', color: palette.modified }, { name: 'rejected', color: palette.rejected }];
  const rows = list => list.map(r => ({ label: r.label, parts: [r.accepted, r.modified, r.rejected], note: `n=${r.decided}${r.added ? ` +${r.added}` : ''}` }));
  stackedBars($('chart-family'), { label: 'Decision shares by code family', parts, rows: rows(data.byFamily) });
  stackedBars($('chart-coder'), { label: 'Decision shares by coder', parts, rows: rows(data.byCoder) });
  renderRows($('productivity'), data.productivity.map(p => [p.coder, p.finalized, p.activeHours, p.chartsPerHour.toFixed(1),
    p.medianMinutesPerChart === null ? '–' : p.medianMinutesPerChart.toFixed(1)]), 'no chart finalized in this window');
  renderRows($('dnfb'), data.dnfb.encounters ? data.dnfb.buckets.map(b => [b.days, b.encounters]) : [], 'no discharged encounter awaits coding');
  $('dnfb-oldest').textContent = data.dnfb.encounters ? `${data.dnfb.encounters} in all, the oldest discharged ${data.dnfb.oldestDays.toFixed(1)} days ago` : '';
}

/** Table rows as text cells (never markup); numbers right-aligned. */
function renderRows(table, rows, empty) {
  const body = table.querySelector('tbody');
  body.replaceChildren(...(rows.length ? rows : [[empty]]).map(cells => {
    const tr = document.createElement('tr');
    for (const [i, value] of cells.entries()) {
      const td = document.createElement('td');
      td.textContent = String(value);
      if (i > 0) td.className = 'num';
      if (rows.length === 0) td.colSpan = table.querySelectorAll('th').length;
      tr.append(td);
    }
    return tr;
  }));
}

async function refresh() {
  const status = $('status');
  try {
    render(await api(`/api/dashboard?hours=${$('window').value}`));
    status.textContent = `updated ${new Date().toLocaleTimeString()}; refreshes every ${POLL_MS / 1000} s`;
    status.className = 'report-status';
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded ?? 0) + 1);
  } catch (e) {
    status.textContent = `could not load the dashboard: ${e.message}`;
    status.className = 'report-status error';
  }
}

await start('Dashboard');
$('window').addEventListener('change', refresh);
await refresh();
setInterval(refresh, POLL_MS);
