/**
 * The page shells under /reports: HTML with no data in it, one stylesheet and one
 * script, both served by this service. The script asks for the API key the playground
 * keeps in this browser (the same localStorage entry, the same dialog), fetches the
 * report's fragment from /reports/api/<page> with it, and puts it in place.
 */
import { readFileSync } from 'node:fs';
import { html } from './html.js';

export const REPORT_PAGES = {
  '': 'Reports',
  coverage: 'Coverage',
  requirement: 'Requirement coverage',
  crosswalk: 'Crosswalk matrix',
  trace: 'Trace',
  history: 'Coverage over time',
  soa: 'Statement of Applicability',
} as const;

export type ReportPage = keyof typeof REPORT_PAGES;

export const isReportPage = (name: string): name is ReportPage => Object.hasOwn(REPORT_PAGES, name);

/** The shells' policy: nothing inline, nothing from anywhere but this service, never framed. */
export const SHELL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The fragments' policy, should one be opened on its own: it runs nothing and loads nothing. */
export const FRAGMENT_CSP =
  "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const asset = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/** The files the shells load, by the name they are served under. */
export const REPORT_ASSETS: Readonly<Record<string, { readonly mediaType: string; readonly body: string }>> = {
  'reports.css': { mediaType: 'text/css; charset=utf-8', body: asset('reports.css') },
  'reports.js': { mediaType: 'text/javascript; charset=utf-8', body: asset('reports.js') },
  'icon.svg': { mediaType: 'image/svg+xml', body: asset('icon.svg') },
};

const NAV: readonly (readonly [string, string])[] = [
  ['/reports', 'All reports'],
  ['/reports/coverage?framework=iso42001', 'Coverage'],
  ['/reports/crosswalk?from=eu-ai-act&to=iso42001', 'Crosswalk'],
  ['/reports/history', 'Over time'],
  ['/reports/soa?framework=iso42001', 'Statement of Applicability'],
  ['/graphql', 'Playground'],
];

export function renderShell(page: ReportPage): string {
  const title = `${REPORT_PAGES[page]} · aims-graph`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="/reports/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/reports/assets/reports.css">
<script src="/reports/assets/reports.js" defer></script>
</head>
<body data-page="${page}">
<header class="chrome">
<nav class="site" aria-label="Reports">${NAV.map(([href, label]) => html`<a href="${href}">${label}</a>`)}</nav>
<div class="tools"><button type="button" id="aims-print">Print or save as PDF</button>
<span id="aims-key-bar">API key: <span id="aims-key-shown">none</span> <button type="button" id="aims-key-change">change</button> <button type="button" id="aims-key-forget">forget</button></span></div>
</header>
<main id="report" aria-live="polite"><p class="loading">Loading the report…</p></main>
<div id="aims-key-dialog" class="key-dialog" hidden>
<form id="aims-key-form">
<p><b>aims-graph needs an API key.</b> It stays in this browser only and is sent to this service only (the playground uses the same one).</p>
<p id="aims-key-problem" class="problem"></p>
<input id="aims-key-input" type="password" autocomplete="off" placeholder="aimsg_…">
<p class="hint">No key? <code>npm run apikey -- create --role VIEWER --name you</code></p>
<button id="aims-key-save" type="submit">Use this key</button>
</form>
</div>
<noscript><p class="problem">The reports need JavaScript to send your API key; nothing else is loaded.</p></noscript>
</body>
</html>
`.markup;
}
