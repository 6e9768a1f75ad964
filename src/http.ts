/**
 * The HTTP front: /graphql (Apollo, and the playground for browsers), /healthz,
 * /readyz, /metrics (Prometheus, src/metrics/). Bodies are read with a size limit;
 * every response carries a request id.
 *
 * Nothing under /graphql runs without a credential: the request is authenticated
 * (401 UNAUTHENTICATED), then rate-limited per credential (429 RATE_LIMITED with
 * Retry-After) before Apollo sees it. Only the playground page itself, which holds no
 * data, is served to a browser without one: it asks for the key.
 *
 * The service keeps nothing between requests. A client that must read its own writes
 * through another instance sends back the X-Neo4j-Bookmark header of its last response
 * (src/graph/bookmarks.ts); a malformed one is refused with 400 BAD_REQUEST.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { credentialOf, UnauthenticatedError, type Authenticator } from './auth/authenticator.js';
import type { RateLimiter } from './auth/rate-limit.js';
import type { Principal } from './auth/roles.js';
import type { Context } from './context.js';
import { SYSTEM_ACTOR } from './domain/change-log.js';
import { AppError, ErrorCode } from './errors.js';
import { BOOKMARK_HEADER, BookmarkHeaderError, decodeBookmarks, RequestBookmarks } from './graph/bookmarks.js';
import { serveMetrics, type MetricsEndpoint } from './metrics/endpoint.js';

export interface HttpDependencies {
  readonly apollo: ApolloServer<Context>;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  /** `bookmarks`: what the request's transactions wait for, and what its writes add to. */
  readonly context: (requestId: string, log: Logger, principal: Principal, onBehalfOf: string | null, bookmarks: RequestBookmarks) => Context;
  readonly readiness: () => Promise<Readiness>;
  readonly authenticator: Authenticator;
  /** Per-credential limits; undefined: none. */
  readonly rateLimiter: RateLimiter | undefined;
  /** The playground page, served to browsers that navigate to /graphql. */
  readonly playground: string;
  /** GET /metrics: the Prometheus text and who may read it. */
  readonly metrics: MetricsEndpoint;
  /**
   * Whether a request's own credentials admit it to /metrics, when neither METRICS_PUBLIC
   * nor METRICS_TOKEN is set: the hook for the service's authentication.
   */
  readonly authorizeMetrics: (req: IncomingMessage) => Promise<boolean>;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Who the change log records as the author of a request's writes: printable, 1 to 200 characters. */
const validActor = (value: string): boolean =>
  value.length >= 1 && value.length <= 200 && [...value].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f);

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
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
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const log = deps.log.child({ reqId: requestId });
    res.setHeader('x-request-id', requestId);
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
        sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'unavailable', checks: readiness.checks });
        return;
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        await serveMetrics(req, res, deps.metrics, deps.authorizeMetrics);
        return;
      }
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { location: '/graphql' });
        res.end();
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      if (req.method === 'GET' && url.search === '' && (req.headers.accept ?? '').includes('text/html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(deps.playground);
        return;
      }
      let clientBookmarks: string[];
      try {
        clientBookmarks = decodeBookmarks(headerOf(req, BOOKMARK_HEADER));
      } catch (err) {
        if (!(err instanceof BookmarkHeaderError)) throw err;
        sendJson(res, 400, requestError('The X-Neo4j-Bookmark header must be a value this service returned in that header', 'BAD_REQUEST'));
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

/**
 * The request's principal, or undefined once a refusal has been sent. Failed attempts
 * spend the client address's allowance, so guessing keys is rate-limited too.
 */
async function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HttpDependencies,
  log: Logger,
  bookmarks: readonly string[],
): Promise<Principal | undefined> {
  const address = `address:${req.socket.remoteAddress ?? 'unknown'}`;
  const limiter = deps.rateLimiter;
  const refuseTooMany = (retryAfterSeconds: number): undefined => {
    sendJson(res, 429, requestError('Too many requests; slow down', ErrorCode.RATE_LIMITED, { retryAfterSeconds }), {
      'retry-after': String(retryAfterSeconds),
    });
    return undefined;
  };
  if (limiter !== undefined && !limiter.has(address)) return refuseTooMany(limiter.retryAfter(address));
  try {
    const credential = credentialOf(headerOf(req, 'authorization'), headerOf(req, 'x-api-key'));
    if (credential === undefined) throw new UnauthenticatedError('A credential is required: send "Authorization: Bearer <API key or token>"');
    const principal = await deps.authenticator.authenticate(credential, bookmarks);
    if (limiter !== undefined) {
      const decision = limiter.take(`principal:${principal.id}`);
      if (!decision.allowed) return refuseTooMany(decision.retryAfterSeconds);
    }
    return principal;
  } catch (err) {
    if (err instanceof UnauthenticatedError) {
      limiter?.take(address);
      log.info({ reason: err.message }, 'request refused: not authenticated');
      sendJson(res, 401, requestError(err.message, ErrorCode.UNAUTHENTICATED), { 'www-authenticate': 'Bearer realm="aims-graph"' });
      return undefined;
    }
    if (err instanceof AppError && err.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) {
      sendJson(res, 503, requestError(err.message, ErrorCode.SERVICE_UNAVAILABLE), { 'retry-after': '5' });
      return undefined;
    }
    throw err;
  }
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
    sendJson(res, 400, requestError(`The X-Actor header must be 1 to 200 printable characters, and not "${SYSTEM_ACTOR}"`, 'BAD_REQUEST'));
    return;
  }
  const onBehalfOf = actorHeader?.trim() || null;
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const text = await readBody(req, deps.maxBodyBytes);
    if ((headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        sendJson(res, 400, requestError('The request body is not valid JSON', 'BAD_REQUEST'));
        return;
      }
    } else {
      body = text;
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
