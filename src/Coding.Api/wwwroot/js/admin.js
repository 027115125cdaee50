import { api, el, clear, fmt, flash, start } from './app.js';

const ROLES = ['coder', 'manager', 'cdi', 'admin', 'ingest'];

async function load() {
  const users = await api('/api/admin/users');
  const body = clear(document.querySelector('#users tbody'));
  for (const u of users) {
    body.append(el('tr', {},
      el('td', {}, u.name), el('td', {}, u.role),
      el('td', {}, u.disabled ? 'disabled' : u.locked ? 'locked' : 'active'),
      el('td', {}, fmt.date(u.createdAt)), el('td', {}, fmt.date(u.lastSignInAt)), el('td', {}, ...actions(u))));
  }
}

/** Disable / enable, unlock, new password, new role: each audited on the server, and each but unlock ends the sessions. */
function actions(u) {
  const act = (label, path, init, done) => el('button', {
    type: 'button', class: 'link',
    onclick: async () => {
      try {
        const result = await api(`/api/admin/users/${encodeURIComponent(u.name)}/${path}`, init);
        if (done) done(result);
        await load();
      } catch (e) {
        flash(e.message, 'error');
      }
    },
  }, label);
  const role = el('select', { 'aria-label': `role of ${u.name}` }, ...ROLES.map((r) => el('option', { value: r }, r)));
  role.value = u.role;
  role.addEventListener('change', () => api(`/api/admin/users/${encodeURIComponent(u.name)}/role`, { method: 'PUT', body: { role: role.value } })
    .then(load).catch((e) => flash(e.message, 'error')));
  return [
    u.disabled ? act('Enable', 'enable', { method: 'POST' }) : act('Disable', 'disable', { method: 'POST' }),
    u.locked ? act('Unlock', 'unlock', { method: 'POST' }) : '',
    act('New password', 'password', { method: 'POST' }, (r) => {
      document.getElementById('created').textContent = `New password for ${r.name}, shown once: ${r.password}`;
    }),
    role,
  ];
}

const form = document.getElementById('add-user');
form.role.append(...ROLES.map((r) => el('option', { value: r }, r)));
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const created = await api('/api/admin/users', { method: 'POST', body: { name: form.name.value, role: form.role.value } });
    document.getElementById('created').textContent =
      `Created ${created.name} (${created.role}). Password, shown once: ${created.password}`;
    form.reset();
    await load();
  } catch (e) {
    flash(e.message, 'error');
  }
});

await start('Admin');
await load();
