import { api, el, clear, fmt, flash, start } from './app.js';

const ROLES = ['coder', 'manager', 'cdi', 'admin', 'ingest'];

async function load() {
  const users = await api('/api/admin/users');
  const body = clear(document.querySelector('#users tbody'));
  for (const u of users) {
    body.append(el('tr', {},
      el('td', {}, u.name), el('td', {}, u.role),
      el('td', {}, u.disabled ? 'disabled' : u.locked ? 'locked' : 'active'),
      el('td', {}, fmt.date(u.createdAt)), el('td', {}, fmt.date(u.lastSignInAt))));
  }
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
