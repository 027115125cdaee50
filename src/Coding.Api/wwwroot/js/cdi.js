import { api, el, clear, start } from './app.js';
import { lineChart, stackedBars, groupedBars, calibrationPlot, palette } from './charts.js';

const $ = id => document.getElementById(id);
const num = (v, digits = 3) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const when = iso => (iso ? new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '');
let runs = [];
let pollTimer;

function runLabel(r) {
  return `${when(r.requestedAt)} · ${r.goldSet} · ${r.engine} ${r.engineVersion} · ${r.policy}${r.f1 !== null ? ` · F1 ${num(r.f1)}` : ''}`;
}

// Width through the CSSOM: the page's Content-Security-Policy (style-src 'self') refuses inline style attributes.
function progressBar(share) {
  const fill = el('span');
  fill.style.width = `${Math.round(share * 100)}%`;
  return el('span', { class: 'progress', role: 'progressbar', 'aria-valuenow': Math.round(share * 100), 'aria-valuemin': 0, 'aria-valuemax': 100 }, fill);
}

function renderRuns() {
  const body = clear($('runs').querySelector('tbody'));
  if (runs.length === 0) body.append(el('tr', {}, el('td', { colspan: 12, class: 'muted' }, 'No evaluation run yet: pick a gold set and run one.')));
  for (const r of runs) {
    const share = r.documentsTotal ? r.documentsDone / r.documentsTotal : 0;
    body.append(el('tr', { dataset: { run: r.id, status: r.status } },
      el('td', {}, when(r.requestedAt)),
      el('td', {}, r.goldSet),
      el('td', {}, el('span', { class: `badge ${r.status}`, title: r.error ?? '' }, r.status), r.attempts > 1 ? el('span', { class: 'muted', title: 'taken over after its host stopped' }, ` resumed`) : null,
        r.error ? el('div', { class: 'muted' }, r.error) : null),
      el('td', {}, progressBar(share),
        ` ${r.documentsDone}/${r.documentsTotal || '?'}`),
      el('td', {}, `${r.engine} ${r.engineVersion}`),
      el('td', { class: 'policy' }, r.policy),
      el('td', {}, r.codebookRelease ?? ''),
      el('td', {}, r.requestedBy),
      el('td', { class: 'num' }, num(r.precision)),
      el('td', { class: 'num' }, num(r.recall)),
      el('td', { class: 'num' }, num(r.f1)),
      el('td', { class: 'num' }, num(r.map))));
  }
  const finished = runs.filter(r => r.status === 'succeeded');
  for (const [id, pick] of [['run-a', 1], ['run-b', 0]]) {
    const select = $(id);
    const previous = select.value;
    clear(select).append(...finished.map(r => el('option', { value: r.id }, runLabel(r))));
    if (finished.some(r => r.id === previous)) select.value = previous;
    else if (finished[pick]) select.value = finished[pick].id;
  }
  $('compare').disabled = finished.length < 2;
  if (finished.length < 2 && !$('compare-status').classList.contains('error'))
    $('compare-status').textContent = 'two finished runs are needed to compare';
  else if (!$('compare-status').classList.contains('error'))
    $('compare-status').textContent = '';
}

async function loadRuns() {
  runs = await api('/api/cdi/runs');
  renderRuns();
  // Poll fast while something is queued or running, so progress moves on screen; slowly otherwise.
  clearTimeout(pollTimer);
  const busy = runs.some(r => r.status === 'queued' || r.status === 'running');
  pollTimer = setTimeout(() => loadRuns().catch(showRunError), busy ? 1500 : 15000);
}

function showRunError(e) {
  $('run-status').textContent = e.message;
  $('run-status').className = 'report-status error';
}

async function startRun(event) {
  event.preventDefault();
  $('start').disabled = true;
  try {
    const run = await api('/api/cdi/runs', { method: 'POST', body: { goldSet: $('gold-set').value } });
    $('run-status').textContent = `run on ${run.goldSet} queued`;
    $('run-status').className = 'report-status';
    await loadRuns();
  } catch (e) {
    showRunError(e);
  } finally {
    $('start').disabled = false;
  }
}

function codeList(list, changes) {
  clear(list);
  if (changes.length === 0) list.append(el('li', { class: 'muted' }, 'none'));
  for (const c of changes) list.append(el('li', {}, el('strong', {}, c.code), ` — ${c.documents} document${c.documents === 1 ? '' : 's'} (${c.examples.join(', ')}${c.documents > c.examples.length ? ', …' : ''})`));
}

async function compare(event) {
  event?.preventDefault();
  const a = $('run-a').value, b = $('run-b').value;
  try {
    const data = await api(`/api/cdi/compare?a=${a}&b=${b}`);
    const c = data.comparison;
    $('comparison').classList.remove('hidden');
    $('cmp-f1').textContent = `${num(c.fullA.microF1)} → ${num(c.fullB.microF1)}`;
    // Runs under different policies are scored against the same gold but aim at different code sets: say so.
    $('cmp-docs').textContent = `${c.documents} documents in both runs${data.a.policy !== data.b.policy ? ` · policies differ: ${data.a.policy} → ${data.b.policy}` : ''}`;
    $('cmp-gained').textContent = c.gainedTotal;
    $('cmp-lost').textContent = c.lostTotal;
    codeList($('gained-list'), c.gained);
    codeList($('lost-list'), c.lost);
    const chapters = c.chapters.filter(x => x.chapter !== null);
    const names = chapters.map(x => String(x.chapter));
    groupedBars($('chart-chapters'), {
      label: 'F1 per chapter, run A and run B', categories: names, min: 0, max: 1, axisLabel: 'ICD-10-CM chapter',
      series: [{ name: 'A', color: palette.a, values: chapters.map(x => x.f1A) }, { name: 'B', color: palette.b, values: chapters.map(x => x.f1B) }],
    });
    const spread = Math.max(0.05, ...chapters.map(x => Math.abs(x.delta)));
    groupedBars($('chart-chapter-delta'), {
      label: 'F1 change per chapter', categories: names, min: -spread, max: spread, axisLabel: 'ICD-10-CM chapter', yFormat: v => (v > 0 ? '+' : '') + v.toFixed(2),
      series: [{ name: 'B − A', color: v => (v >= 0 ? palette.coded : palette.failed), values: chapters.map(x => x.delta) }],
    });
    calibrationPlot($('chart-calibration'), {
      label: 'Calibration of run A and run B',
      runs: [{ name: 'A', color: palette.a, buckets: c.calibrationA }, { name: 'B', color: palette.b, buckets: c.calibrationB }],
    });
    $('compare-status').textContent = '';
    document.body.dataset.compared = 'true';
  } catch (e) {
    $('compare-status').textContent = e.message;
    $('compare-status').className = 'report-status error';
  }
}

async function loadOverrides() {
  const report = await api(`/api/cdi/overrides?days=${$('override-days').value}`);
  const t = report.total;
  $('override-summary').textContent = t.decided
    ? `${Math.round(t.overrideRate * 100)} % of ${t.decided} decided suggestions overridden (${t.rejected} rejected, ${t.modified} modified); ${t.added} codes added by coders`
    : 'no coder decisions in this window';
  lineChart($('chart-overrides'), {
    label: 'Override rate per day', xs: report.days.map(d => d.day), xFormat: d => d.slice(5),
    yFormat: v => `${Math.round(v * 100)}%`, empty: 'no decisions in this window',
    series: [
      { name: 'overridden (rejected + modified)', color: palette.failed, values: report.days.map(d => d.rates.overrideRate) },
      { name: 'codes added per decision', color: palette.modified, values: report.days.map(d => d.rates.addedPerDecision) },
    ],
  });
  stackedBars($('chart-override-family'), {
    label: 'Decision shares by code family',
    parts: [{ name: 'accepted', color: palette.accepted }, { name: 'modified', color: palette.modified }, { name: 'rejected', color: palette.rejected }],
    rows: report.byFamily.map(r => ({ label: r.label, parts: [r.accepted, r.modified, r.rejected], note: `n=${r.decided}${r.added ? ` +${r.added}` : ''}` })),
  });
}

await start('CDI');
const goldSets = await api('/api/cdi/gold-sets');
$('gold-set').append(...goldSets.map(g => el('option', { value: g.name, title: g.description ?? '' }, `${g.name}${g.description ? ` — ${g.description}` : ''}`)));
$('start-run').addEventListener('submit', startRun);
$('compare-form').addEventListener('submit', compare);
$('override-days').addEventListener('change', () => loadOverrides().catch(showRunError));
await Promise.all([loadRuns(), loadOverrides()]);
document.body.dataset.loaded = 'true';
