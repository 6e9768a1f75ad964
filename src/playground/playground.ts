/**
 * The playground: GraphiQL rendered as one self-contained page (scripts, styles, editor
 * workers and icons inline), so it works with no network beyond this service.
 *
 * The saved operations open together in one editor, each under the comment that says
 * what it answers; the run button offers them by name. (One tab per operation would be
 * nicer, but the bundled GraphiQL does not refresh the editor when tabs are switched.)
 * Their variables are merged into one object, so saved operations never reuse a
 * variable name with another value (checked by mergeVariables).
 *
 * The page holds no data and is served without a credential; it asks for an API key,
 * keeps it in the browser's localStorage (never a cookie, so other sites cannot make
 * the browser use it), and adds it to its own requests to /graphql only.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { SavedOperation } from './saved-operations.js';

export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
}

export function mergeVariables(operations: readonly SavedOperation[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const op of operations) {
    for (const [name, value] of Object.entries(op.variables)) {
      if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(value)) {
        throw new PlaygroundError(
          `${op.file} and ${owner.get(name)} both use $${name} with different values; rename one`,
        );
      }
      merged[name] = value;
      owner.set(name, op.file);
    }
  }
  return merged;
}

export function renderPlayground(operations: readonly SavedOperation[], endpoint = '/graphql'): string {
  const document = operations.map((op) => op.query.trim()).join('\n\n');
  // Yoga's GraphiQL takes the opening document and variables as `query` and `variables`
  // (its typings do not list them); `defaultTabs` variables are not shown in this bundle.
  const opening = { query: `${document}\n`, variables: JSON.stringify(mergeVariables(operations), null, 2) };
  const page = renderGraphiQL({
    ...(opening as object),
    title: 'aims-graph',
    endpoint,
    defaultEditorToolsVisibility: 'variables',
    schemaDescription: true,
    inputValueDeprecation: true,
    shouldPersistHeaders: false,
    useGETForQueries: false,
  });
  return page.replace(/<head>/i, `<head>${KEY_PROMPT}`);
}

/** Asks for the API key, stores it in this browser, and sends it with the page's own requests. */
const KEY_PROMPT = `<script>
(function () {
  var STORE = 'aims-graph.api-key';
  var own = function (input) {
    var url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    var target = new URL(url, location.href);
    return target.origin === location.origin && target.pathname === '/graphql';
  };
  var nativeFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var key = localStorage.getItem(STORE);
    if (!own(input)) return nativeFetch(input, init);
    init = Object.assign({}, init);
    var headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    if (key && !headers.has('authorization')) headers.set('authorization', 'Bearer ' + key);
    init.headers = headers;
    return nativeFetch(input, init).then(function (response) {
      if (response.status === 401) ask(key ? 'That key was refused (revoked, mistyped, or for another service).' : '');
      return response;
    });
  };
  function ask(problem) {
    var dialog = document.getElementById('aims-key-dialog');
    if (!dialog) return;
    document.getElementById('aims-key-problem').textContent = problem || '';
    dialog.style.display = 'flex';
    document.getElementById('aims-key-input').focus();
  }
  document.addEventListener('DOMContentLoaded', function () {
    var key = localStorage.getItem(STORE);
    var bar = document.createElement('div');
    bar.innerHTML =
      '<div id="aims-key-bar" style="position:fixed;top:6px;right:12px;z-index:1000;font:12px sans-serif;background:#fff;border:1px solid #ccc;border-radius:4px;padding:2px 6px">' +
      'API key: <span id="aims-key-shown"></span> <button id="aims-key-change" type="button">change</button> <button id="aims-key-forget" type="button">forget</button></div>' +
      '<div id="aims-key-dialog" style="display:none;position:fixed;inset:0;z-index:1001;background:rgba(0,0,0,.45);align-items:center;justify-content:center">' +
      '<form id="aims-key-form" style="background:#fff;padding:20px;border-radius:6px;font:14px sans-serif;max-width:460px">' +
      '<p style="margin-top:0"><b>aims-graph needs an API key.</b> It stays in this browser only and is sent to this service only.</p>' +
      '<p id="aims-key-problem" style="color:#b00020"></p>' +
      '<input id="aims-key-input" type="password" autocomplete="off" placeholder="aimsg_…" style="width:100%;box-sizing:border-box;padding:6px" />' +
      '<p style="font-size:12px;color:#555">No key? <code>npm run apikey -- create --role VIEWER --name you</code></p>' +
      '<button id="aims-key-save" type="submit">Use this key</button></form></div>';
    document.body.appendChild(bar);
    document.getElementById('aims-key-shown').textContent = key ? key.slice(0, 12) + '…' : 'none';
    document.getElementById('aims-key-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = document.getElementById('aims-key-input').value.trim();
      if (!value) return;
      localStorage.setItem(STORE, value);
      location.reload();
    });
    document.getElementById('aims-key-change').addEventListener('click', function () { ask(''); });
    document.getElementById('aims-key-forget').addEventListener('click', function () {
      localStorage.removeItem(STORE);
      location.reload();
    });
    if (!key) ask('');
  });
})();
</script>`;
