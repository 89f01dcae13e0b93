// Shared by every dashboard page: the login token, API calls with it, the status-event stream.
// The token arrives once as ?token= (the link ./segfold ui prints); it is kept in this tab's
// sessionStorage and removed from the address bar at once, so it is neither bookmarked with the
// page nor sent anywhere but in the Authorization header of calls to this origin's API.
'use strict';

const Segfold = (() => {
  const KEY = 'segfold.token';

  function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token !== null) {
      if (token.trim()) sessionStorage.setItem(KEY, token.trim());
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + (url.search ? url.search : '') + url.hash);
    }
  }
  takeTokenFromUrl();

  function token() {
    return sessionStorage.getItem(KEY);
  }

  /** The token's claims, read without trusting them: only to hide buttons the API would refuse. */
  function claims() {
    const t = token();
    if (!t) return {};
    try {
      const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
    } catch (e) {
      return {};
    }
  }

  const ROLES = ['read', 'submit', 'admin'];
  /** The highest role the token names (read < submit < admin), or null. */
  function role() {
    const groups = claims().groups || [];
    let best = -1;
    for (const g of groups) best = Math.max(best, ROLES.indexOf(g));
    return best < 0 ? null : ROLES[best];
  }
  function roleAtLeast(r) {
    const mine = role();
    return mine !== null && ROLES.indexOf(mine) >= ROLES.indexOf(r);
  }
  function subject() {
    return claims().sub || null;
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    const t = token();
    if (t) h.Authorization = 'Bearer ' + t;
    return h;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = headers(Object.assign({ Accept: 'application/json' }, opts.headers || {}));
    const response = await fetch(path, opts);
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch (e) { /* not problem details */ }
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  async function json(path) {
    return (await api(path)).json();
  }

  /**
   * Follows a server-sent-events endpoint with fetch streaming instead of EventSource, which
   * cannot send an Authorization header. Reconnects after a drop; the endpoint replays the run's
   * kept events first, and onEvent is told to dedupe by event id.
   */
  function follow(path, onEvent, onState) {
    let stopped = false;
    let controller = null;
    async function run() {
      while (!stopped) {
        controller = new AbortController();
        try {
          const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
          if (!response.ok) {
            let problem = null;
            try { problem = await response.json(); } catch (e) { /* ignore */ }
            onState && onState('error', new ApiError(response.status, problem));
            if (response.status === 401 || response.status === 403 || response.status === 404) return;
          } else {
            onState && onState('open');
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buffer += value;
              let end;
              while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
                const event = { id: null, type: 'message', data: '' };
                const data = [];
                for (const line of block.split(/\r?\n/)) {
                  if (line.startsWith(':')) continue;
                  const colon = line.indexOf(':');
                  const field = colon < 0 ? line : line.slice(0, colon);
                  const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                  if (field === 'id') event.id = val;
                  else if (field === 'event') event.type = val;
                  else if (field === 'data') data.push(val);
                }
                if (data.length) {
                  event.data = data.join('\n');
                  onEvent(event);
                }
              }
            }
            onState && onState('closed');
          }
        } catch (e) {
          if (stopped) return;
          onState && onState('error', e);
        }
        await new Promise(r => setTimeout(r, 2000));
      }
    }
    run();
    return { stop() { stopped = true; if (controller) controller.abort(); } };
  }

  /** Downloads a response body as a file: the API streams it with the token, no signed URL. */
  async function download(path, fileName) {
    const blob = await (await api(path, { headers: { Accept: '*/*' } })).blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** replaceChildren/append that leave out null and undefined (the DOM would write "null"). */
  function put(box, ...children) {
    box.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  }
  function add(box, ...children) {
    box.append(...children.flat().filter(c => c !== null && c !== undefined));
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return '';
    seconds = Math.max(0, Math.round(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  function num(v, digits) {
    return v === null || v === undefined ? '' : Number(v).toFixed(digits === undefined ? 3 : digits);
  }

  /**
   * The login box, shown where the tab has no token yet: the user pastes one (./segfold token
   * --role read); it goes into sessionStorage like a ?token= link's.
   */
  function requireLogin(container) {
    if (token()) return true;
    const input = el('input', { type: 'password', id: 'token-input', size: 60, placeholder: 'API token', autocomplete: 'off' });
    put(container, el('div', { class: 'login' },
      el('p', {}, 'This page needs an API token. Open the link that ', el('code', {}, './segfold ui'),
        ' prints, or paste a token (', el('code', {}, './segfold token --role read'), '):'),
      el('form', { onsubmit: (e) => { e.preventDefault(); sessionStorage.setItem(KEY, input.value.trim()); location.reload(); } },
        input, ' ', el('button', { type: 'submit' }, 'Log in'))));
    return false;
  }

  function showError(container, error) {
    const message = error instanceof ApiError && (error.status === 401 || error.status === 403)
      ? `${error.message} (HTTP ${error.status}). Open a fresh link from ./segfold ui.`
      : error.message || String(error);
    container.prepend(el('div', { class: 'error', role: 'alert' }, message));
  }

  function logout() {
    sessionStorage.removeItem(KEY);
    location.reload();
  }

  function header(title) {
    const who = subject();
    return el('header', {},
      el('a', { href: '/ui/', class: 'brand' }, 'Segfold'), ' ', el('span', { class: 'title' }, title),
      el('span', { class: 'who' }, who ? `${who} (${role() || 'no role'}) ` : '',
        token() ? el('button', { type: 'button', class: 'link', onclick: logout }, 'log out') : null));
  }

  return { put, add, token, role, roleAtLeast, subject, api, json, follow, download, el, duration, time, num,
    requireLogin, showError, header, ApiError };
})();
