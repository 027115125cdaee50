// Shared by every page: the fetch wrapper, a DOM builder that only ever sets text (note text may be hostile HTML),
// and the nav bar with the signed-in user, their role, the links their role may open, and sign-out.

/** Links per role. Pages that another feature adds register here too. */
export const NAV = [
  { href: '/queue', label: 'Queue', roles: ['coder'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['manager', 'admin'] },
  { href: '/cdi', label: 'CDI', roles: ['cdi', 'manager'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
];

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** JSON in, JSON out, same-origin cookie. A lost session sends the user to sign in and back. */
export async function api(path, { method = 'GET', body } = {}) {
  // X-Coding-Request: the host refuses state-changing requests without it (a page on another origin cannot add it).
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Coding-Request': '1' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    location.href = '/signin.html?returnUrl=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiError(401, 'signed out');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, (data && (data.error || data.title)) || `request failed (${response.status})`);
  }
  return data;
}

/** el('td', { class: 'x', onclick: f }, 'text', child): children are nodes or strings (always text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const fmt = {
  date: (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : ''),
  day: (iso) => iso || '',
  /** Midnights between admission and discharge in the browser's time zone (the inpatient day count); null without both. */
  stayDays: (admitted, discharged) => {
    if (!admitted || !discharged) return null;
    const day = (iso) => { const d = new Date(iso); return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000; };
    return day(discharged) - day(admitted);
  },
  pct: (x) => (x === null || x === undefined ? '' : `${Math.round(x * 100)}%`),
  age: (seconds) => {
    if (seconds < 60) return `${Math.round(seconds)} s`;
    if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
    if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
    return `${(seconds / 86400).toFixed(1)} d`;
  },
};

/** Shows a message in the page's status line (role="status" so screen readers hear it). */
export function flash(message, kind = 'info') {
  let box = document.getElementById('flash');
  if (!box) {
    box = el('div', { id: 'flash', role: 'status' });
    document.body.append(box);
  }
  box.className = `flash ${kind}`;
  box.textContent = message;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { box.className = 'flash hidden'; }, kind === 'error' ? 8000 : 3000);
}

/** Renders the nav bar into <header id="nav"> and returns the signed-in user ({ name, role }). */
export async function start(title) {
  const me = await api('/api/auth/me');
  const header = document.getElementById('nav');
  const links = NAV.filter((l) => l.roles.includes(me.role)).map((l) =>
    el('a', { href: l.href, class: location.pathname === l.href ? 'current' : null }, l.label));
  const signOut = el('button', { type: 'button', class: 'link', id: 'signout' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api('/api/auth/signout', { method: 'POST' });
    location.href = '/signin.html';
  });
  clear(header).append(
    el('a', { href: '/', class: 'brand' }, 'Coding'),
    el('nav', {}, links),
    el('span', { class: 'who' }, el('span', { id: 'user-name' }, me.name), ' ', el('span', { class: 'role', id: 'user-role' }, me.role)),
    signOut,
  );
  if (title) document.title = `${title} — Coding`;
  return me;
}
