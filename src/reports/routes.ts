/**
 * Everything under /reports. The shells and their two assets hold no data and are
 * served without a credential, like the playground. The fragments under /reports/api/
 * hold data: they need the same credential as /graphql (401 otherwise), and are rendered
 * from GraphQL operations run as the caller. Bad parameters are refused with 400 and a
 * stable code before anything runs; no answer ever carries a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';
import type { Html } from './html.js';
import { coveragePage } from './pages/coverage.js';
import { crosswalkPage } from './pages/crosswalk.js';
import type { Page } from './pages/common.js';
import { historyPage } from './pages/history.js';
import { indexPage } from './pages/index.js';
import { requirementPage } from './pages/requirement.js';
import { soaFile, soaPage } from './pages/soa.js';
import { tracePage } from './pages/trace.js';
import { ReportError } from './params.js';
import type { ReportRunner } from './run.js';
import {
  FRAGMENT_CSP,
  isReportPage,
  renderShell,
  REPORT_ASSETS,
  REPORT_PAGES,
  SHELL_CSP,
  type ReportPage,
} from './shell.js';

export interface ReportsDependencies {
  /** The caller's runner once authenticated, or undefined when a refusal (401, 429, 503) has been sent. */
  readonly authenticate: () => Promise<ReportRunner | undefined>;
}

const FRAGMENTS: Readonly<Record<ReportPage, Page>> = {
  '': indexPage,
  coverage: coveragePage,
  requirement: requirementPage,
  crosswalk: crosswalkPage,
  trace: tracePage,
  history: historyPage,
  soa: soaPage,
};

const SHELLS = new Map<string, string>(
  Object.keys(REPORT_PAGES).map((page) => [page, renderShell(page as ReportPage)]),
);

const COMMON_HEADERS = { 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' };

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }));
}

/** True when the path is /reports or under it: serveReports answers it. */
export const isReportsPath = (pathname: string): boolean => pathname === '/reports' || pathname.startsWith('/reports/');

export async function serveReports(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ReportsDependencies,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'The reports are read with GET', {}, { allow: 'GET, HEAD' });
    return;
  }
  const rest = url.pathname === '/reports' ? '' : url.pathname.slice('/reports/'.length);

  const shell = SHELLS.get(rest);
  if (shell !== undefined) {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': SHELL_CSP,
      ...COMMON_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : shell);
    return;
  }
  if (rest.startsWith('assets/')) {
    const file = Object.hasOwn(REPORT_ASSETS, rest.slice('assets/'.length))
      ? REPORT_ASSETS[rest.slice('assets/'.length)]
      : undefined;
    if (file === undefined) {
      sendError(res, 404, ErrorCode.NOT_FOUND, 'No such file');
      return;
    }
    res.writeHead(200, { 'content-type': file.mediaType, 'cache-control': 'no-cache', ...COMMON_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return;
  }
  if (!rest.startsWith('api/')) {
    sendError(res, 404, ErrorCode.NOT_FOUND, `No report at ${url.pathname}; the reports are listed at /reports`);
    return;
  }
  const name = rest.slice('api/'.length);
  const file = name === 'soa.csv' ? 'csv' : name === 'soa.md' ? 'md' : null;
  if (file === null && !isReportPage(name)) {
    sendError(res, 404, ErrorCode.NOT_FOUND, `No report at ${url.pathname}; the reports are listed at /reports`);
    return;
  }
  // The credential first: without one the answer is 401, whatever the parameters.
  const run = await deps.authenticate();
  if (run === undefined) return;
  const request = { params: url.searchParams, run, now: new Date() };
  try {
    if (file !== null) {
      const document = await soaFile(request, file);
      res.writeHead(200, {
        'content-type': document.mediaType,
        'content-disposition': `attachment; filename="${document.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
        ...COMMON_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : document.content);
      return;
    }
    const fragment: Html = await FRAGMENTS[name as ReportPage](request);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': FRAGMENT_CSP,
      ...COMMON_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : fragment.markup);
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    sendError(
      res,
      err.status,
      err.code,
      err.message,
      err.extensions,
      err.status === 503 || err.status === 504 ? { 'retry-after': '5' } : {},
    );
  }
}
