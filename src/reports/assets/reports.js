// The reports' one script, served by aims-graph itself (no CDN, nothing inline, so the
// pages can forbid inline script). It uses the API key the playground keeps in this
// browser's localStorage (the same entry, the same dialog), fetches the page's fragment
// from /reports/api/<page> with it, and puts it in place. It sends the key to this
// service only, never to another origin.
'use strict';

(() => {
  const STORE = 'aims-graph.api-key';
  const REFUSED = 'That key was refused (revoked, mistyped, or for another service).';
  const byId = (id) => document.getElementById(id);
  const main = byId('report');
  const page = document.body.dataset.page ?? '';

  const storedKey = () => localStorage.getItem(STORE);

  function ask(problem) {
    byId('aims-key-problem').textContent = problem || '';
    byId('aims-key-dialog').hidden = false;
    byId('aims-key-input').focus();
  }

  function showKey() {
    const key = storedKey();
    byId('aims-key-shown').textContent = key ? `${key.slice(0, 12)}…` : 'none';
  }

  /** A GET to this service with the key; only same-origin paths are accepted. */
  function authorised(path) {
    const target = new URL(path, location.href);
    if (target.origin !== location.origin) return Promise.reject(new Error('refusing to send the key elsewhere'));
    return fetch(target.href, {
      headers: { authorization: `Bearer ${storedKey()}` },
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  function showProblem(title, detail) {
    main.replaceChildren();
    const box = document.createElement('div');
    box.className = 'problem-box';
    const heading = document.createElement('h1');
    heading.textContent = title;
    const text = document.createElement('p');
    text.textContent = detail;
    const back = document.createElement('a');
    back.href = '/reports';
    back.textContent = 'Back to the reports';
    box.append(heading, text, back);
    main.append(box);
  }

  async function load() {
    showKey();
    if (!storedKey()) {
      main.replaceChildren();
      ask('');
      return;
    }
    main.setAttribute('aria-busy', 'true');
    try {
      const response = await authorised(`/reports/api/${page}${location.search}`);
      if (response.status === 401) {
        main.replaceChildren();
        ask(REFUSED);
        return;
      }
      if (!response.ok) {
        let message = `The service answered ${response.status}.`;
        let code = '';
        try {
          const body = await response.json();
          message = body.errors?.[0]?.message ?? message;
          code = body.errors?.[0]?.extensions?.code ?? '';
        } catch {
          // Not JSON: keep the status.
        }
        showProblem(
          code === 'BAD_USER_INPUT'
            ? 'This report cannot be made'
            : code === 'NOT_FOUND'
              ? 'Not found'
              : 'The report failed',
          `${message}${code ? ` (${code})` : ''}`,
        );
        return;
      }
      // The fragment is this service's own markup, every value in it escaped.
      main.innerHTML = await response.text();
      wire();
    } catch (err) {
      showProblem('The report failed', `The service could not be reached: ${err.message}`);
    } finally {
      main.removeAttribute('aria-busy');
    }
  }

  function wire() {
    const article = main.querySelector('article.report');
    if (article?.dataset.title) document.title = `${article.dataset.title} · aims-graph`;
    for (const button of main.querySelectorAll('button[data-download]'))
      button.addEventListener('click', () => download(button));
    document.body.classList.add('loaded');
  }

  async function download(button) {
    button.disabled = true;
    try {
      const response = await authorised(button.dataset.download);
      if (response.status === 401) return ask(REFUSED);
      if (!response.ok) throw new Error(`the service answered ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = button.dataset.filename || 'statement';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      button.title = `Download failed: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  }

  byId('aims-key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = byId('aims-key-input').value.trim();
    if (!value) return;
    localStorage.setItem(STORE, value);
    byId('aims-key-input').value = '';
    byId('aims-key-dialog').hidden = true;
    load();
  });
  byId('aims-key-change').addEventListener('click', () => ask(''));
  byId('aims-key-forget').addEventListener('click', () => {
    localStorage.removeItem(STORE);
    load();
  });
  byId('aims-print').addEventListener('click', () => window.print());
  load();
})();
