/**
 * The HTTP front: /graphql (Apollo, and the playground for browsers), /reports (pages
 * rendered from GraphQL operations, src/reports/), /healthz, /readyz, /metrics
 * (Prometheus, src/metrics/). Bodies are read with a size limit; every response carries
 * a request id.
 *
 * Nothing under /graphql runs without a credential: the request is authenticated
 * (401 UNAUTHENTICATED), then rate-limited per credential (429 RATE_LIMITED with
 * Retry-After) before Apollo sees it. Only the playground page itself, which holds no
 * data, is served to a browser without one: it asks for the key. The same holds under
 * /reports: the page shells are served to anyone, their data only with a credential.
 *
 * The service keeps nothing between requests. A client that must read its own writes
 * through another instance sends back the X-Neo4j-Bookmark header of its last response
 * (src/graph/bookmarks.ts); a malformed one is refused with 400 BAD_REQUEST.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { credentialOf, UnauthenticatedError, type Authenticator } from './auth/authenticator.js';
import type { RateLimiter } from './auth/rate-limit.js';
import { can, PERMISSIONS, type Principal } from './auth/roles.js';
import type { Context } from './context.js';
import { SYSTEM_ACTOR } from './domain/change-log.js';
import { AppError, ErrorCode } from './errors.js';
import { BOOKMARK_HEADER, BookmarkHeaderError, decodeBookmarks, RequestBookmarks } from './graph/bookmarks.js';
import { serveMetrics, type MetricsAuthorization, type MetricsEndpoint } from './metrics/endpoint.js';
import { isReportsPath, serveReports } from './reports/routes.js';
import { reportRunner, type ReportRunner } from './reports/run.js';

export interface HttpDependencies {
  readonly apollo: ApolloServer<Context>;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  /** `bookmarks`: what the request's transactions wait for, and what its writes add to. */
  readonly context: (
    requestId: string,
    log: Logger,
    principal: Principal,
    onBehalfOf: string | null,
    bookmarks: RequestBookmarks,
  ) => Context;
  readonly readiness: () => Promise<Readiness>;
  readonly authenticator: Authenticator;
  /** Per-credential limits; undefined: none. */
  readonly rateLimiter: RateLimiter | undefined;
  /** The playground page, served to browsers that navigate to /graphql. */
  readonly playground: string;
  /** GET /metrics: the Prometheus text and who may read it. */
  readonly metrics: MetricsEndpoint;
  /** Take the client address from the last X-Forwarded-For entry (behind one trusted proxy). */
  readonly trustProxy: boolean;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Who the change log records as the author of a request's writes: printable, 1 to 200 characters. */
const validActor = (value: string): boolean =>
  value.length >= 1 &&
  value.length <= 200 &&
  [...value].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f);

class BodyTooLarge extends Error {}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * True when a JSON value holds an unpaired surrogate (`"\uD800"` is valid JSON): Neo4j
 * stores UTF-8, which cannot carry one, so it would silently become U+FFFD.
 */
function holdsUnpairedSurrogate(value: unknown): boolean {
  // A loop, not recursion: a body may nest arrays deeper than the stack goes.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (UNPAIRED_SURROGATE.test(item)) return true;
    } else if (Array.isArray(item)) for (const v of item) pending.push(v);
    else if (item !== null && typeof item === 'object') for (const [k, v] of Object.entries(item)) pending.push(k, v);
  }
  return false;
}

/** Refused: text that is not well-formed Unicode, however it came (bytes that are not UTF-8, or a lone surrogate escaped in JSON). */
class NotUnicode extends Error {}

/**
 * The body as text, refusing bytes that are not UTF-8 (a stray 0xFF, an encoded
 * surrogate, an overlong form): decoded leniently they would become U+FFFD and be
 * stored altered.
 */
function decodeBody(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotUnicode('The request body is not valid UTF-8');
  }
}

/** The body parsed as JSON, refusing text that is not well-formed Unicode; JSON.parse's own error when it is not JSON. */
function parseJsonBody(bytes: Buffer): unknown {
  const text = decodeBody(bytes);
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  if (holdsUnpairedSurrogate(body))
    throw new NotUnicode(
      'The request body holds text that is not well-formed Unicode (an unpaired surrogate such as \\uD800)',
    );
  return body;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A strong ETag for a page: a digest of its text. */
const etagOf = (page: string): string =>
  `"${createHash('sha256').update(page, 'utf8').digest('base64url').slice(0, 32)}"`;

/** Whether If-None-Match names `tag` (a list, `*`, or weak forms, as RFC 9110 compares for GET). */
function matchesTag(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === tag || value === `W/${tag}`;
  });
}

/** A request header as one string (repeated headers joined, as HTTP allows). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

const requestError = (message: string, code: string, extensions: Record<string, unknown> = {}): unknown => ({
  errors: [{ message, extensions: { ...extensions, code } }],
});

export function createRequestHandler(deps: HttpDependencies) {
  const playgroundEtag = etagOf(deps.playground);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const log = deps.log.child({ reqId: requestId });
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-content-type-options', 'nosniff');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });

    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz' && req.method === 'GET') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/readyz' && req.method === 'GET') {
        const readiness = await deps.readiness();
        sendJson(res, readiness.ready ? 200 : 503, {
          status: readiness.ready ? 'ready' : 'unavailable',
          checks: readiness.checks,
        });
        return;
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        // Without METRICS_PUBLIC or METRICS_TOKEN: a credential that may read metrics, rate-limited like any other.
        const mayRead = async (): Promise<MetricsAuthorization> => {
          const outcome = await resolvePrincipal(req, deps, log, []);
          if (!('principal' in outcome)) return 'unauthenticated';
          return can(outcome.principal, PERMISSIONS.READ_METRICS) ? 'allow' : 'forbidden';
        };
        await serveMetrics(req, res, deps.metrics, mayRead);
        return;
      }
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { location: '/graphql' });
        res.end();
        return;
      }
      if (isReportsPath(url.pathname)) {
        await serveReports(req, res, url, { authenticate: () => reportsRunner(req, res, requestId, log, deps) });
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      if (req.method === 'GET' && url.search === '' && (req.headers.accept ?? '').includes('text/html')) {
        // The page keeps a key in this browser: no other site may frame it. It holds no data
        // and is large (the GraphiQL bundle): a browser keeps it and asks each time whether
        // it changed (no-cache with an ETag), and gets 304 with no body when it has not.
        const headers = {
          etag: playgroundEtag,
          'cache-control': 'no-cache',
          'x-frame-options': 'DENY',
          'content-security-policy': "frame-ancestors 'none'",
          'referrer-policy': 'no-referrer',
        };
        if (matchesTag(headerOf(req, 'if-none-match'), headers.etag)) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
        res.end(deps.playground);
        return;
      }
      let clientBookmarks: string[];
      try {
        clientBookmarks = decodeBookmarks(headerOf(req, BOOKMARK_HEADER));
      } catch (err) {
        if (!(err instanceof BookmarkHeaderError)) throw err;
        sendJson(
          res,
          400,
          requestError(
            'The X-Neo4j-Bookmark header must be a value this service returned in that header',
            'BAD_REQUEST',
          ),
        );
        return;
      }
      const principal = await authenticate(req, res, deps, log, clientBookmarks);
      if (principal === undefined) return;
      await handleGraphQL(req, res, url, requestId, log, principal, deps, new RequestBookmarks(clientBookmarks));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendJson(res, 413, requestError(`Request body exceeds ${deps.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE'), {
          connection: 'close',
        });
        return;
      }
      log.error({ err }, 'unhandled error in request handler');
      if (!res.headersSent) sendJson(res, 500, requestError('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    }
  };
}

/** Who sent the request: the socket's peer, or behind a trusted proxy the address it saw. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // The last entry is the one the proxy itself appended; those before it are the client's to invent.
  return trustProxy && chain.length > 0 ? chain[chain.length - 1]! : (req.socket.remoteAddress ?? 'unknown');
}

type Refusal = { readonly status: number; readonly body: unknown; readonly headers: Record<string, string> };

const tooMany = (retryAfterSeconds: number): Refusal => ({
  status: 429,
  body: requestError('Too many requests; slow down', ErrorCode.RATE_LIMITED, { retryAfterSeconds }),
  headers: { 'retry-after': String(retryAfterSeconds) },
});

/**
 * The request's principal, or why not. Every attempt that could cost a key lookup, and
 * every failed attempt, spends the client address's allowance first (a success gives it
 * back), so guessing keys, even in parallel, is rate-limited too; a key this instance
 * has already verified, or a valid token, passes whatever its address has spent.
 */
async function resolvePrincipal(
  req: IncomingMessage,
  deps: HttpDependencies,
  log: Logger,
  bookmarks: readonly string[],
): Promise<{ principal: Principal } | { refusal: Refusal }> {
  const address = `address:${clientAddress(req, deps.trustProxy)}`;
  const limiter = deps.rateLimiter;
  let spent = false;
  try {
    const credential = credentialOf(headerOf(req, 'authorization'), headerOf(req, 'x-api-key'));
    if (credential === undefined)
      throw new UnauthenticatedError('A credential is required: send "Authorization: Bearer <API key or token>"');
    if (limiter !== undefined && credential.kind === 'API_KEY' && !deps.authenticator.isCached(credential.key)) {
      const decision = limiter.take(address);
      if (!decision.allowed) return { refusal: tooMany(decision.retryAfterSeconds) };
      spent = true;
    }
    const principal = await deps.authenticator.authenticate(credential, bookmarks);
    if (limiter !== undefined) {
      if (spent) limiter.giveBack(address);
      const decision = limiter.take(`principal:${principal.id}`);
      if (!decision.allowed) return { refusal: tooMany(decision.retryAfterSeconds) };
    }
    return { principal };
  } catch (err) {
    if (err instanceof UnauthenticatedError) {
      const decision = spent || limiter === undefined ? { allowed: true as const } : limiter.take(address);
      log.info({ reason: err.message }, 'request refused: not authenticated');
      if (!decision.allowed) return { refusal: tooMany(decision.retryAfterSeconds) };
      return {
        refusal: {
          status: 401,
          body: requestError(err.message, ErrorCode.UNAUTHENTICATED),
          headers: { 'www-authenticate': 'Bearer realm="aims-graph"' },
        },
      };
    }
    if (spent) limiter?.giveBack(address);
    if (
      err instanceof AppError &&
      (err.extensions.code === ErrorCode.SERVICE_UNAVAILABLE || err.extensions.code === ErrorCode.TIMEOUT)
    ) {
      const code = err.extensions.code;
      return {
        refusal: {
          status: code === ErrorCode.TIMEOUT ? 504 : 503,
          body: requestError(err.message, code),
          headers: { 'retry-after': '5' },
        },
      };
    }
    throw err;
  }
}

/** The request's principal, or undefined once a refusal has been sent. */
async function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HttpDependencies,
  log: Logger,
  bookmarks: readonly string[],
): Promise<Principal | undefined> {
  const outcome = await resolvePrincipal(req, deps, log, bookmarks);
  if ('principal' in outcome) return outcome.principal;
  sendJson(res, outcome.refusal.status, outcome.refusal.body, outcome.refusal.headers);
  return undefined;
}

/**
 * The reports' way into the API, once the request is authenticated: each operation runs
 * through Apollo as the caller, in a context of its own, so the authorization policy,
 * limits, error masking and metrics apply as to any request to /graphql.
 */
async function reportsRunner(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  log: Logger,
  deps: HttpDependencies,
): Promise<ReportRunner | undefined> {
  const principal = await authenticate(req, res, deps, log, []);
  if (principal === undefined) return undefined;
  return reportRunner(async (query, operationName, variables) => {
    const response = await deps.apollo.executeOperation(
      { query, operationName, variables },
      { contextValue: deps.context(requestId, log, principal, null, new RequestBookmarks([])) },
    );
    // graphql 16 has no incremental delivery: the answer is always one result.
    if (response.body.kind !== 'single') throw new Error('Expected a single GraphQL result');
    return response.body.singleResult;
  });
}

async function handleGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
  log: Logger,
  principal: Principal,
  deps: HttpDependencies,
  bookmarks: RequestBookmarks,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const actorHeader = headers.get('x-actor');
  if (actorHeader !== undefined && (!validActor(actorHeader.trim()) || actorHeader.trim() === SYSTEM_ACTOR)) {
    sendJson(
      res,
      400,
      requestError(
        `The X-Actor header must be 1 to 200 printable characters, and not "${SYSTEM_ACTOR}"`,
        'BAD_REQUEST',
      ),
    );
    return;
  }
  const onBehalfOf = actorHeader?.trim() || null;
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const bytes = await readBody(req, deps.maxBodyBytes);
    try {
      body = (headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')
        ? parseJsonBody(bytes)
        : decodeBody(bytes);
    } catch (err) {
      sendJson(
        res,
        400,
        requestError(err instanceof NotUnicode ? err.message : 'The request body is not valid JSON', 'BAD_REQUEST'),
      );
      return;
    }
  }
  const result = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => deps.context(requestId, log, principal, onBehalfOf, bookmarks),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  // The operation has run to its end (graphql 16 has no incremental delivery): these are
  // the bookmarks of all of its writes, or the client's own when it wrote nothing.
  const bookmarkHeader = bookmarks.header();
  if (bookmarkHeader !== undefined) res.setHeader(BOOKMARK_HEADER, bookmarkHeader);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
