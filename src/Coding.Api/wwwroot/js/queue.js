import { api, el, clear, fmt, flash, start } from './app.js';

const form = document.getElementById('filters');
const body = document.querySelector('#queue tbody');
let rows = [];
let current = -1;
let me;

function query() {
  const p = new URLSearchParams();
  for (const name of ['setting', 'from', 'to', 'family', 'maxConfidence', 'sort']) {
    if (form[name].value) p.set(name, form[name].value);
  }
  if (form.desc.checked) p.set('desc', 'true');
  return p.toString();
}

async function open(row) {
  try {
    await api(`/api/encounters/${row.id}/claim`, { method: 'POST' });
    location.href = `/encounter?id=${row.id}`;
  } catch (e) {
    flash(e.message, 'error');
    await load();
  }
}

function select(index) {
  current = Math.max(0, Math.min(rows.length - 1, index));
  body.querySelectorAll('tr').forEach((tr, i) => tr.classList.toggle('selected', i === current));
  body.children[current]?.scrollIntoView({ block: 'nearest' });
}

/** Length of stay for a discharged patient, "in house" before discharge, nothing for a visit sent without its times. */
function stay(c) {
  const days = fmt.stayDays(c.admittedAt, c.dischargedAt);
  if (days !== null) return `${days} d`;
  return c.admittedAt ? 'in house' : '';
}

const stayTitle = (c) => (c.admittedAt ? `${fmt.date(c.admittedAt)} → ${c.dischargedAt ? fmt.date(c.dischargedAt) : 'not discharged'}` : null);

async function load() {
  rows = await api('/api/queue?' + query());
  document.getElementById('count').textContent = `(${rows.length})`;
  clear(body);
  for (const row of rows) {
    const claimed = row.claimedBy
      ? el('span', { class: 'pill claimed', title: `until ${fmt.date(row.claimExpiresAt)}` }, row.claimedBy === me.name ? 'you' : row.claimedBy)
      : '';
    body.append(el('tr', { class: 'row', dataset: { id: row.id }, onclick: () => open(row) },
      el('td', {}, el('a', { href: `/encounter?id=${row.id}`, onclick: (e) => { e.preventDefault(); open(row); } }, row.externalId)),
      el('td', { class: 'mrn' }, row.context.mrn || ''),
      el('td', {}, row.setting.toLowerCase()),
      el('td', {}, row.dateOfService),
      el('td', { class: 'stay', title: stayTitle(row.context) }, stay(row.context)),
      el('td', { class: 'payer' }, row.context.payer || ''),
      el('td', { class: 'num' }, row.suggestions),
      el('td', { class: 'num' }, fmt.pct(row.lowestConfidence)),
      el('td', {}, row.families.map((f) => el('span', { class: 'pill' }, f))),
      el('td', { class: 'num' }, fmt.age(row.ageSeconds)),
      el('td', {}, claimed)));
  }
  if (rows.length === 0) body.append(el('tr', {}, el('td', { colspan: 11, class: 'muted' }, 'Nothing awaits review with these filters.')));
}

// Held encounters are out of the queue above; they are listed here, longest held first, until someone releases them.
async function loadHeld() {
  const [held, reasons] = await Promise.all([api('/api/holds'), api('/api/holds/reasons')]);
  const label = Object.fromEntries(reasons.map((r) => [r.code, r.label]));
  const heldBody = document.querySelector('#held tbody');
  document.getElementById('held-count').textContent = `(${held.length})`;
  clear(heldBody);
  for (const h of held) {
    heldBody.append(el('tr', { dataset: { id: h.id } },
      el('td', {}, el('a', { href: `/encounter?id=${h.id}` }, h.externalId)),
      el('td', {}, h.setting.toLowerCase()),
      el('td', {}, h.dateOfService),
      el('td', { class: 'hold-reason' }, label[h.reason] ?? h.reason),
      el('td', {}, h.note ?? ''),
      el('td', {}, h.heldBy === me.name ? 'you' : h.heldBy),
      el('td', { class: 'num' }, fmt.age(h.ageSeconds)),
      el('td', {}, el('button', { type: 'button', class: 'secondary unhold', onclick: async () => {
        try {
          await api(`/api/encounters/${h.id}/hold`, { method: 'DELETE' });
          await Promise.all([load(), loadHeld()]);
        } catch (e) {
          flash(e.message, 'error');
        }
      } }, 'Release hold'))));
  }
  if (held.length === 0) heldBody.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'Nothing is on hold.')));
}

form.addEventListener('submit', (e) => { e.preventDefault(); load().catch((x) => flash(x.message, 'error')); });
document.addEventListener('keydown', (e) => {
  if (e.target.closest('input, select, textarea')) return;
  if (e.key === 'j') select(current + 1);
  else if (e.key === 'k') select(current - 1);
  else if (e.key === 'Enter' && rows[current]) open(rows[current]);
});

me = await start('Queue');
await load();
await loadHeld();
setInterval(() => { load().catch(() => {}); loadHeld().catch(() => {}); }, 30000);
