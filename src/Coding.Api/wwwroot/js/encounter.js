import { api, el, clear, fmt, flash, start } from './app.js';
import { renderNote, selectionOffsets } from './note.js';

const id = new URLSearchParams(location.search).get('id');
const noteBox = document.getElementById('note');
const list = document.getElementById('suggestions');
let me;
let view;          // the encounter as the API returns it (note included once)
let noteText = '';
let reasons = [];
let selected = null;  // suggestion id
let dialog = null;    // the open overlay, if any
const guidance = new Map();

const decided = (s) => s.status !== 'Suggested';
const onClaim = (s) => s.status !== 'Rejected' && s.status !== 'Modified';
const isDiagnosis = (s) => s.system === 'Icd10Cm';
const inpatient = () => view.setting === 'Inpatient';
// The claim's lead diagnosis: principal on an inpatient claim (Guidelines Section II), first-listed otherwise (Section IV).
const leadName = () => (inpatient() ? 'Principal' : 'First-listed');
const POA = { Yes: 'Y', No: 'N', Unknown: 'U', Undetermined: 'W', Exempt: 'exempt' };
const POA_CHOICES = [['', 'POA —'], ['Y', 'Y: present'], ['N', 'N: not present'], ['U', 'U: unknown'], ['W', 'W: undetermined'], ['exempt', 'exempt']];
const editable = () => view.status === 'Coded' && view.claim && view.claim.mine;
const byId = (sid) => view.suggestions.find((s) => s.id === sid);
const visible = () => view.suggestions;

// ---- loading --------------------------------------------------------------------------------------------------

async function load() {
  view = await api(`/api/encounters/${id}`);
  noteText = view.note;
  render();
}

/** After a decision: suggestions and claim again, without reading (and auditing) the note a second time. */
async function refresh() {
  const fresh = await api(`/api/encounters/${id}/suggestions`);
  fresh.note = noteText;
  fresh.context = view.context;   // identifiers come with the (audited) note read only
  view = fresh;
  render();
}

// ---- rendering ------------------------------------------------------------------------------------------------

function render() {
  document.getElementById('title').textContent = `Encounter ${view.externalId}`;
  const claim = view.claim
    ? (view.claim.mine ? `claimed by you until ${fmt.date(view.claim.expiresAt)}` : `claimed by ${view.claim.coder} — read only`)
    : (view.status === 'Coded' ? 'not claimed — read only' : '');
  clear(document.getElementById('meta')).append(
    el('span', {}, 'Setting ', el('b', {}, view.setting.toLowerCase())),
    el('span', {}, 'Date of service ', el('b', {}, view.dateOfService)),
    el('span', {}, 'Patient ', el('b', {}, `${view.patientAge ?? '?'} y, ${view.patientSex.toLowerCase()}`)),
    ...accountHeader(view.context),
    el('span', {}, 'Codebook ', el('b', {}, view.codebookVersion ? `ICD-10-CM FY${view.codebookVersion}` : '—')),
    view.policy ? el('span', { title: 'the coding policy the engine followed' }, 'Policy ', el('b', {}, view.policy.toLowerCase())) : '',
    el('span', {}, 'Status ', el('b', { id: 'status' }, view.status.toLowerCase())),
    severityHeader(),
    el('span', { id: 'claim' }, claim));

  const spans = view.suggestions.flatMap((s) => s.evidence.map((e) => ({ start: e.start, end: e.end, id: s.id })));
  renderNote(noteBox, noteText, spans, (ids) => {
    const all = ids.map(byId);
    const classes = [];
    if (all.every((s) => s.source === 'coder')) classes.push('added');
    if (all.every((s) => s.status === 'Rejected' || s.status === 'Modified')) classes.push('rejected');
    if (selected && ids.includes(selected)) classes.push('active');
    return classes.join(' ');
  });

  clear(list);
  const queries = queryDrafts();
  if (queries) list.append(queries);
  for (const s of visible()) list.append(card(s));
  const done = view.suggestions.filter(decided).length;
  const leadless = view.suggestions.some((s) => isDiagnosis(s) && onClaim(s)) && !view.suggestions.some((s) => s.role !== 'Secondary');
  document.getElementById('progress').textContent = `${done} of ${view.suggestions.length} decided`
    + (leadless ? ` · no ${leadName().toLowerCase()} diagnosis: finalizing takes the first one` : '');
  document.getElementById('add').disabled = !editable();
  document.getElementById('finalize').disabled = !editable();
  document.getElementById('release').hidden = !editable();
  document.getElementById('hold').hidden = !editable();
  document.getElementById('unhold').hidden = view.status !== 'Held';
  renderExport();
  if (selected) highlight(selected, false);
}

function card(s) {
  const canEdit = editable() && s.status !== 'Modified';
  // The same words may be evidence several times (and overlapping phrasings): quote each distinct text once.
  const evidence = [...new Set(s.evidence.map((e) => noteText.slice(e.start, e.end)))].map((t) => `“${t}”`).join(' · ');
  const last = s.lastDecision;
  const decision = last
    ? el('div', { class: 'muted' }, `${PAST[last.action] || last.action} by ${last.reviewer}`,
      last.reasonCode ? ` — ${reasonLabel(last.reasonCode)}` : '', last.replacementCode && last.action === 'Modify' ? ` → ${last.replacementCode}` : '')
    : null;
  const notes = s.codebook && s.codebook.notes.length
    ? s.codebook.notes.slice(0, 6).map((n) => el('p', {}, el('b', {}, `${n.kind} (${n.code}): `), n.text))
    : [];
  // The category's Tabular notes already show above, one by one: the same notes as a retrieved chunk would repeat them.
  const guide = (guidance.get(s.id) || []).filter((g) => g.source === 'OfficialGuidelines' || notes.length === 0);
  const guideNodes = guide.map((g) => el('p', {}, el('b', {}, `${g.source === 'OfficialGuidelines' ? 'Guideline' : 'Tabular'} ${g.sectionPath}${g.page ? `, p. ${g.page}` : ''}: `), g.text.slice(0, 400), g.text.length > 400 ? '…' : ''));
  return el('div', { class: `suggestion${s.id === selected ? ' selected' : ''}`, id: `s-${s.id}`, dataset: { id: s.id, code: s.code }, onclick: () => select(s.id, true) },
    el('div', { class: 'head' },
      el('span', { class: 'code' }, s.code),
      s.role !== 'Secondary' ? el('span', { class: 'badge lead', title: `${leadName()} diagnosis: listed first on the claim` }, leadName()) : null,
      el('span', { class: 'system' }, s.system.toUpperCase()),
      severityBadges(s),
      el('span', { class: 'desc' }, s.description),
      el('span', { class: 'conf', title: 'engine confidence' }, s.source === 'coder' ? 'coder' : fmt.pct(s.confidence)),
      el('span', { class: `status ${s.status}` }, s.status)),
    el('div', { class: 'evidence' }, evidence),
    s.codebook ? el('div', { class: 'muted codebook' }, releaseName(s.codebook.release), s.codebook.billable ? ' · billable' : ' · not billable',
      s.codebook.title !== s.description ? ` · ${s.codebook.title}` : '') : el('div', { class: 'error' }, 'not in the release in force'),
    decision,
    canEdit ? null : poaControl(s),
    s.id === selected && (notes.length || guideNodes.length) ? el('div', { class: 'guidance' }, notes, guideNodes) : null,
    canEdit ? el('div', { class: 'actions' },
      s.status !== 'Accepted' && s.status !== 'Added' ? el('button', { type: 'button', class: 'ok', dataset: { action: 'accept' }, onclick: (e) => { e.stopPropagation(); accept(s.id); } }, 'Accept') : null,
      s.status !== 'Rejected' ? el('button', { type: 'button', class: 'danger', dataset: { action: 'reject' }, onclick: (e) => { e.stopPropagation(); rejectDialog(s.id); } }, 'Reject') : null,
      el('button', { type: 'button', class: 'secondary', dataset: { action: 'modify' }, onclick: (e) => { e.stopPropagation(); searchDialog('modify', s.id); } }, 'Modify'),
      isDiagnosis(s) && onClaim(s) && s.role === 'Secondary'
        ? el('button', { type: 'button', class: 'secondary', dataset: { action: 'lead' }, onclick: (e) => { e.stopPropagation(); makeLead(s.id); } }, `Make ${leadName().toLowerCase()}`)
        : null,
      poaControl(s)) : null);
}

/**
 * Inpatient diagnoses on the claim: the present-on-admission indicator, a selector among the actions while the coder
 * may edit (there, not mid-card, so a click on the card still selects it and the keys keep working).
 */
function poaControl(s) {
  if (!inpatient() || !isDiagnosis(s) || !onClaim(s)) return null;
  const current = s.poa ? POA[s.poa] : '';
  if (!editable()) return el('div', { class: 'poa muted' }, `POA ${current || 'not set'}`);
  const select = el('select', { class: 'poa', 'aria-label': `Present on admission for ${s.code}`, dataset: { poa: s.id },
    onclick: (e) => e.stopPropagation(), onchange: (e) => setPoa(s.id, e.target.value) },
  POA_CHOICES.map(([value, label]) => el('option', { value, selected: value === current }, label)));
  return el('label', { class: 'poa' }, 'POA ', select);
}

// Severity (issue 21): the MS-DRG tier for inpatient claims, the V28 HCCs captured for the others; both lists are CMS's.
function severityHeader() {
  const sev = view.severity;
  if (!sev) return el('span', { id: 'severity', class: 'muted', title: 'no CC/MCC or HCC list is loaded for this date of service' }, 'Severity —');
  const hccs = sev.hccs.map((h) => `HCC ${h.hcc}`).join(', ') || 'none';
  const hccTitle = sev.hccs.map((h) => `HCC ${h.hcc} ${h.label} (${h.codes.join(', ')})`).join('\n');
  return el('span', { id: 'severity', dataset: { tier: sev.tier } },
    sev.applies === 'cc-mcc'
      ? el('span', { title: `${sev.ccMccRelease || ''}: the most severe secondary diagnosis that counts` }, 'Severity ', el('b', { id: 'severity-tier' }, sev.tierLabel), ' · ')
      : null,
    el('span', { title: `${sev.hccRelease || ''}\n${hccTitle}` }, 'HCCs ', el('b', { id: 'severity-hccs' }, hccs)));
}

function severityBadges(s) {
  const sev = s.severity;
  if (!sev) return null;
  const badges = [];
  if (sev.ccMcc && inpatient()) {
    const why = sev.countsAsCcMcc ? `${sev.ccMcc} as a secondary diagnosis (MS-DRG appendix C)`
      : sev.excludedBy ? `${sev.ccMcc}, but not with principal ${sev.excludedBy} (PDX exclusion)` : `${sev.ccMcc} only as a secondary diagnosis`;
    badges.push(el('span', { class: `badge sev ${sev.ccMcc.toLowerCase()}${sev.countsAsCcMcc ? '' : ' excluded'}`, title: why + (sev.dischargedAliveOnly ? '; only if discharged alive' : '') }, sev.ccMcc));
  }
  if (!inpatient()) {
    for (const h of sev.hccs) badges.push(el('span', { class: 'badge sev hcc', title: `CMS-HCC V28 HCC ${h}` }, `HCC ${h}`));
    for (const h of sev.hccsTrumped) badges.push(el('span', { class: 'badge sev hcc excluded', title: `HCC ${h}: dropped, a higher HCC of this encounter trumps it` }, `HCC ${h}`));
  }
  return badges.length ? el('span', { class: 'badges' }, badges) : null;
}

// Draft CDI queries (issue 21), read-only until the physician-query workflow exists: topic, question, choices, source.
function queryDrafts() {
  if (!view.queries || !view.queries.length) return null;
  return el('details', { class: 'queries', id: 'queries' },
    el('summary', {}, `${view.queries.length} documentation ${view.queries.length === 1 ? 'query' : 'queries'} to consider (draft)`),
    view.queries.map((q) => el('div', { class: 'query', dataset: { rule: q.ruleId } },
      el('p', {}, el('b', {}, `${q.topic} (${q.triggerCode}): `), q.question),
      el('ul', {}, q.options.map((o) => el('li', {}, o))),
      el('p', { class: 'muted' }, q.source))));
}

/** The account: MRN, account number, payer, the stay in the browser's local time, length of stay, attending, disposition. */
function accountHeader(c) {
  if (!c) return [];
  // Only the fields the encounter has: Element.append writes a null child as the text "null".
  const item = (label, value, key) => (value ? el('span', { dataset: { field: key } }, `${label} `, el('b', {}, value)) : null);
  const stay = c.admittedAt ? `${fmt.date(c.admittedAt)} → ${c.dischargedAt ? fmt.date(c.dischargedAt) : 'in house'}` : null;
  const days = fmt.stayDays(c.admittedAt, c.dischargedAt);
  const los = days === null ? null : `${days} ${days === 1 ? 'day' : 'days'}`;
  return [
    item('MRN', c.mrn, 'mrn'), item('Account', c.accountNumber, 'account'), item('Payer', c.payer, 'payer'),
    item('Stay', stay, 'stay'), item('LOS', los, 'los'), item('Attending', c.attending, 'attending'),
    item('Discharged to', DISPOSITIONS[c.dischargeDisposition] || c.dischargeDisposition, 'disposition'),
  ].filter(Boolean);
}

const DISPOSITIONS = {
  home: 'home', 'alt-home': 'alternative home', 'other-hcf': 'other facility', hosp: 'hospice', long: 'long-term care',
  aadvice: 'left against advice', exp: 'expired', psy: 'psychiatric hospital', rehab: 'rehabilitation', snf: 'skilled nursing', oth: 'other',
};

function renderExport() {
  const box = document.getElementById('export');
  if (view.status !== 'Finalized') { box.classList.add('hidden'); return; }
  clear(box).append(
    el('span', {}, `Finalized by ${view.finalizedBy} ${fmt.date(view.finalizedAt)}. Export: `),
    // download=true: the server names the file (Content-Disposition), so the browser saves it instead of showing raw JSON.
    el('a', { href: `/api/encounters/${id}/export?format=json&download=true`, id: 'export-json', download: '' }, 'JSON'),
    el('a', { href: `/api/encounters/${id}/export?format=fhir&download=true`, id: 'export-fhir', download: '' }, 'FHIR R4 Claim'),
    el('span', { class: 'spacer' }),
    el('a', { href: '/queue' }, 'Back to the queue'));
  box.classList.remove('hidden');
}

const PAST = { Accept: 'accepted', Reject: 'rejected', Modify: 'replaced', Add: 'added' };
const RELEASES = { icd10cm: 'ICD-10-CM FY', icd10pcs: 'ICD-10-PCS FY', cpt: 'CPT ', hcpcs: 'HCPCS ' };
const releaseName = (release) => { const [slug, year] = release.split(' '); return `${RELEASES[slug] || `${slug} `}${year}`; };
const reasonLabel = (code) => (reasons.find((r) => r.code === code) || { label: code }).label;

// ---- selection and highlighting -------------------------------------------------------------------------------

function highlight(sid, scroll) {
  noteBox.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  const marks = [...noteBox.querySelectorAll('mark')].filter((m) => m.dataset.suggestions.split(' ').includes(sid));
  marks.forEach((m) => m.classList.add('active'));
  if (scroll && marks[0]) marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
}

async function select(sid, scrollNote) {
  if (!sid) return;
  selected = sid;
  list.querySelectorAll('.suggestion').forEach((c) => c.classList.toggle('selected', c.dataset.id === sid));
  highlight(sid, scrollNote);
  document.getElementById(`s-${sid}`)?.scrollIntoView({ block: 'nearest' });
  const s = byId(sid);
  if (s && !guidance.has(sid)) {
    guidance.set(sid, []);
    try {
      const p = new URLSearchParams({ code: s.code, system: s.system, date: view.dateOfService });
      guidance.set(sid, await api(`/api/codebook/guidance?${p}`));
    } catch { /* guidance is a help, not a requirement */ }
    if (selected === sid) render();
    return;
  }
  render();
}

function move(step) {
  const all = visible();
  if (all.length === 0) return;
  const i = all.findIndex((s) => s.id === selected);
  const next = all[Math.max(0, Math.min(all.length - 1, i < 0 ? 0 : i + step))];
  select(next.id, true);
}

// A click on highlighted evidence selects its suggestion; on overlapping evidence, each click moves to the next one.
noteBox.addEventListener('click', (e) => {
  const mark = e.target.closest('mark');
  if (!mark || !window.getSelection().isCollapsed) return;
  const ids = mark.dataset.suggestions.split(' ');
  const i = ids.indexOf(selected);
  select(ids[(i + 1) % ids.length], false);
});

// ---- decisions ------------------------------------------------------------------------------------------------

async function decide(body, message) {
  let result = null;
  try {
    result = await api(`/api/encounters/${id}/decisions`, { method: 'POST', body });
    flash(message, 'ok');
  } catch (e) {
    flash(e.message, 'error');
  }
  await refresh();
  if (result && result.newSuggestionId) showNew(result.newSuggestionId);
}

/** A replacement or an added code lands at the end of the list: select it and bring it into view. */
function showNew(sid) {
  if (!byId(sid)) return;
  select(sid, true);
  document.getElementById(`s-${sid}`)?.scrollIntoView({ block: 'center' });
}

async function makeLead(sid) {
  try {
    await api(`/api/encounters/${id}/suggestions/${sid}/principal`, { method: 'POST' });
    flash(`${byId(sid).code} is now the ${leadName().toLowerCase()} diagnosis`, 'ok');
  } catch (e) {
    flash(e.message, 'error');
  }
  await refresh();
}

async function setPoa(sid, value) {
  try {
    await api(`/api/encounters/${id}/suggestions/${sid}/poa`, { method: 'PUT', body: { poa: value === '' ? null : value } });
    flash(`POA of ${byId(sid).code}: ${value || 'cleared'}`, 'ok');
  } catch (e) {
    flash(e.message, 'error');
  }
  await refresh();
}

const accept = (sid) => decide({ suggestionId: sid, action: 'accept' }, `Accepted ${byId(sid).code}`);

function closeDialog() {
  dialog?.remove();
  dialog = null;
}

function openDialog(title, ...content) {
  closeDialog();
  dialog = el('div', { class: 'overlay', onclick: (e) => { if (e.target === dialog) closeDialog(); } },
    el('div', { class: 'dialog', role: 'dialog', 'aria-label': title }, el('h2', {}, title), ...content));
  document.body.append(dialog);
  return dialog;
}

function rejectDialog(sid) {
  if (!editable()) return;
  const s = byId(sid);
  let choice = 0;
  const items = reasons.map((r, i) => el('li', { dataset: { reason: r.code }, onclick: () => { choice = i; confirm(); } }, el('kbd', {}, String((i + 1) % 10)), ' ', r.label));
  const mark = () => items.forEach((li, i) => li.classList.toggle('selected', i === choice));
  const confirm = () => { closeDialog(); decide({ suggestionId: sid, action: 'reject', reason: reasons[choice].code }, `Rejected ${s.code}`); };
  openDialog(`Reject ${s.code}: why?`, el('ul', { class: 'choices', id: 'reasons' }, items),
    el('div', { class: 'buttons' }, el('button', { type: 'button', class: 'secondary', onclick: closeDialog }, 'Cancel'),
      el('button', { type: 'button', class: 'danger', id: 'confirm-reject', onclick: confirm }, 'Reject')));
  mark();
  dialog.keyHandler = (e) => {
    if (/^[0-9]$/.test(e.key)) { choice = (Number(e.key) + 9) % 10; if (choice < reasons.length) confirm(); return true; }
    if (e.key === 'ArrowDown' || e.key === 'j') { choice = Math.min(reasons.length - 1, choice + 1); mark(); return true; }
    if (e.key === 'ArrowUp' || e.key === 'k') { choice = Math.max(0, choice - 1); mark(); return true; }
    if (e.key === 'Enter') { confirm(); return true; }
    return false;
  };
}

/** Codebook search. mode 'modify': replace the suggestion's code. mode 'add': add the chosen code with the selected span. */
function searchDialog(mode, sid) {
  if (!editable()) return;
  let span = null;
  if (mode === 'add') {
    span = selectionOffsets(noteBox, noteText);
    if (!span) { flash('Select the text in the note that supports the code first, then press n.', 'error'); return; }
  }
  const s = sid ? byId(sid) : null;
  const input = el('input', { type: 'search', id: 'code-search', placeholder: 'words or a code, e.g. "sprain ankle" or S93.401A', autocomplete: 'off' });
  input.style.width = '100%';
  const results = el('tbody');
  let hits = [];
  let choice = 0;
  const mark = () => [...results.children].forEach((tr, i) => tr.classList.toggle('selected', i === choice));
  const choose = async (hit) => {
    closeDialog();
    if (mode === 'modify') {
      await decide({ suggestionId: sid, action: 'modify', system: hit.system, code: hit.display }, `${s.code} → ${hit.display}`);
    } else {
      let added = null;
      try {
        added = await api(`/api/encounters/${id}/additions`, { method: 'POST', body: { system: hit.system, code: hit.display, start: span.start, end: span.end, text: span.text } });
        flash(`Added ${hit.display}`, 'ok');
      } catch (e) {
        flash(e.message, 'error');
      }
      await refresh();
      if (added) showNew(added.newSuggestionId);
    }
  };
  let timer;
  const search = async () => {
    const q = input.value.trim();
    if (!q) { clear(results); hits = []; return; }
    const p = new URLSearchParams({ q, date: view.dateOfService });
    try {
      hits = await api(`/api/codebook/search?${p}`);
    } catch (e) {
      flash(e.message, 'error');
      return;
    }
    choice = 0;
    clear(results).append(...hits.map((h) => el('tr', { class: 'hit', dataset: { code: h.display }, onclick: () => choose(h) },
      el('td', { class: 'code' }, h.display), el('td', {}, h.title), el('td', { class: 'system' }, h.system.toUpperCase()))));
    if (hits.length === 0) results.append(el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No billable code found.')));
    mark();
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  const title = mode === 'modify' ? `Replace ${s.code} (${s.description})` : `Add a code for “${span.text.slice(0, 80)}”`;
  openDialog(title, input, el('table', { id: 'search-results' }, results),
    el('div', { class: 'buttons' }, el('button', { type: 'button', class: 'secondary', onclick: closeDialog }, 'Cancel')));
  input.value = mode === 'modify' ? s.description : span.text;
  input.focus();
  input.select();
  search();
  dialog.keyHandler = (e) => {
    if (e.key === 'ArrowDown') { choice = Math.min(hits.length - 1, choice + 1); mark(); return true; }
    if (e.key === 'ArrowUp') { choice = Math.max(0, choice - 1); mark(); return true; }
    if (e.key === 'Enter') { if (hits[choice]) choose(hits[choice]); return true; }
    return false;
  };
}

async function finalize() {
  if (!editable()) return;
  const open = view.suggestions.filter((s) => !decided(s)).length;
  if (open > 0) { flash(`${open} suggestion(s) still undecided.`, 'error'); return; }
  try {
    const result = await api(`/api/encounters/${id}/finalize`, { method: 'POST' });
    flash(`Finalized with ${result.finalCodes} code(s).`, 'ok');
  } catch (e) {
    flash(e.message, 'error');
  }
  await refresh();
}

function help() {
  const keys = [['j / k', 'next / previous suggestion'], ['a', 'accept'], ['r', 'reject (then 1–9, 0 or Enter for the reason)'],
    ['m', 'modify: search the codebook and replace the code'], ['p', 'make the selected diagnosis principal / first-listed'], ['n', 'add a code for the text selected in the note'],
    ['/', 'search the codebook (adds for the selected text)'], ['f', 'finalize'], ['Esc', 'close a dialog'], ['?', 'this help']];
  openDialog('Keyboard shortcuts', el('div', { class: 'help', id: 'help-overlay' }, el('dl', {}, keys.flatMap(([k, v]) => [el('dt', {}, el('kbd', {}, k)), el('dd', {}, v)]))));
}

// ---- keyboard -------------------------------------------------------------------------------------------------

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (!view) return;
  if (dialog) {
    if (e.key === 'Escape') { closeDialog(); e.preventDefault(); return; }
    if (dialog.keyHandler && !(e.target.matches('input') && /^[0-9a-z/]$/i.test(e.key)) && dialog.keyHandler(e)) e.preventDefault();
    return;
  }
  if (e.target.closest('input, select, textarea')) return;
  const actions = {
    j: () => move(1), k: () => move(-1),
    a: () => selected && editable() && byId(selected).status !== 'Modified' && accept(selected),
    r: () => selected && rejectDialog(selected),
    m: () => selected && searchDialog('modify', selected),
    p: () => selected && editable() && isDiagnosis(byId(selected)) && onClaim(byId(selected)) && makeLead(selected),
    n: () => searchDialog('add'), '/': () => searchDialog('add'),
    f: finalize, '?': help,
  };
  if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
});

document.getElementById('add').addEventListener('click', () => searchDialog('add'));
document.getElementById('finalize').addEventListener('click', finalize);
// Release: the claim ends now (not in 30 minutes), so another coder can take the encounter from the queue at once.
document.getElementById('release').addEventListener('click', async () => {
  try {
    await api(`/api/encounters/${id}/claim`, { method: 'DELETE' });
    location.href = '/queue';
  } catch (e) {
    flash(e.message, 'error');
  }
});
document.getElementById('help').addEventListener('click', help);

// Hold: a reason from the server's list; "other" asks for a short note (kept on the encounter, never in the audit trail).
document.getElementById('hold').addEventListener('click', async () => {
  if (!editable()) return;
  let holdReasons;
  try { holdReasons = await api('/api/holds/reasons'); } catch (e) { flash(e.message, 'error'); return; }
  const select = el('select', { id: 'hold-reason', 'aria-label': 'Hold reason' }, ...holdReasons.map((r) => el('option', { value: r.code }, r.label)));
  const note = el('input', { id: 'hold-note', type: 'text', maxlength: '200', placeholder: 'Note (required for other)', 'aria-label': 'Hold note' });
  const submit = el('button', { type: 'button', class: 'ok', id: 'hold-confirm', onclick: async () => {
    try {
      await api(`/api/encounters/${id}/hold`, { method: 'POST', body: { reason: select.value, note: note.value || null } });
      closeDialog();
      location.href = '/queue';
    } catch (e) {
      flash(e.message, 'error');
    }
  } }, 'Put on hold');
  openDialog('Put on hold', el('div', { class: 'hold' }, select, note, submit));
});
document.getElementById('unhold').addEventListener('click', async () => {
  try {
    await api(`/api/encounters/${id}/hold`, { method: 'DELETE' });
    flash('Off hold: back in the queue.', 'ok');
  } catch (e) {
    flash(e.message, 'error');
  }
  await refresh();
});
// Keep the note selection when a toolbar button is pressed (a mousedown would collapse it first).
document.getElementById('add').addEventListener('mousedown', (e) => e.preventDefault());

/** An id that is not a GUID, or an encounter that does not exist (or cannot be read), gets a page that says so. */
function showError(message) {
  document.getElementById('title').textContent = 'Encounter not available';
  clear(document.querySelector('.encounter')).append(el('div', { class: 'error-page', id: 'error', role: 'alert' },
    el('p', {}, message), el('p', {}, el('a', { href: '/queue' }, 'Back to the queue'))));
  document.getElementById('meta').textContent = '';
}

me = await start('Encounter');
reasons = await api('/api/review/reasons');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
try {
  if (!id || !GUID.test(id)) throw new Error('This address names no encounter: the id is missing or is not an encounter id.');
  await load();
} catch (e) {
  showError(e.message);
}
if (view && view.status === 'Coded' && !view.claim) {
  try {
    await api(`/api/encounters/${id}/claim`, { method: 'POST' });
    await refresh();
  } catch (e) {
    flash(e.message, 'error');
  }
}
if (view && view.suggestions[0]) select(view.suggestions[0].id, false);
