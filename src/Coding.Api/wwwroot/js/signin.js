import { api, el } from './app.js';

const form = document.getElementById('signin');
const error = document.getElementById('error');
const params = new URLSearchParams(location.search);
const returnUrl = params.get('returnUrl');

/**
 * Same-site paths only (ASP.NET Core's Url.IsLocalUrl rule, as the server's AuthEndpoints.LocalOnly): "/" not followed
 * by "/" or "\\" (browsers read "/\\host" as "//host"), no control character ("/%09/host" loses its tab and becomes
 * "//host"), and the resolved URL still on this origin. Anything else goes home.
 */
function localOnly(url) {
  if (!url || url[0] !== '/' || url[1] === '/' || url[1] === '\\' || /[\u0000-\u001f\u007f-\u009f]/.test(url)) return '/';
  return new URL(url, location.origin).origin === location.origin ? url : '/';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  try {
    await api('/api/auth/signin', { method: 'POST', body: { name: form.name.value, password: form.password.value } });
    location.href = localOnly(returnUrl);
  } catch (e) {
    error.textContent = e.message;
  }
});

api('/api/auth/providers').then((p) => {
  if (!p.oidc) return;
  const href = '/api/auth/oidc?returnUrl=' + encodeURIComponent(localOnly(returnUrl));
  document.getElementById('providers').append(el('a', { class: 'button secondary', href }, `Sign in with ${p.oidc}`));
}).catch(() => {});
