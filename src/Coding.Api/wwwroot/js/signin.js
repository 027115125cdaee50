import { api, el } from './app.js';

const form = document.getElementById('signin');
const error = document.getElementById('error');
const params = new URLSearchParams(location.search);
const returnUrl = params.get('returnUrl');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  try {
    await api('/api/auth/signin', { method: 'POST', body: { name: form.name.value, password: form.password.value } });
    // Same-site paths only; anything else goes home.
    location.href = returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/';
  } catch (e) {
    error.textContent = e.message;
  }
});

api('/api/auth/providers').then((p) => {
  if (!p.oidc) return;
  const href = '/api/auth/oidc?returnUrl=' + encodeURIComponent(returnUrl || '/');
  document.getElementById('providers').append(el('a', { class: 'button secondary', href }, `Sign in with ${p.oidc}`));
}).catch(() => {});
