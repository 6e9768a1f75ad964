/**
 * The HTTP front: /graphql (Apollo, and the playground for browsers), /healthz,
 * /readyz. Bodies are read with a size limit; every response carries a request id.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { Context } from './context.js';
import { SYSTEM_ACTOR } from './domain/change-log.js';

export interface HttpDependencies {
  readonly apollo: ApolloServer<Context>;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  readonly context: (requestId: string, log: Logger, actor: string) => Context;
  readonly readiness: () => Promise<Readiness>;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Who the change log records as the author of a request's writes: printable, 1 to 200 characters. */
const validActor = (value: string): boolean =>
  value.length >= 1 && value.length <= 200 && [...value].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f);
export const ANONYMOUS_ACTOR = 'anonymous';

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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

const requestError = (message: string, code: string): unknown => ({ errors: [{ message, extensions: { code } }] });

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
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { location: '/graphql' });
        res.end();
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      await handleGraphQL(req, res, url, requestId, log, deps);
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

async function handleGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
  log: Logger,
  deps: HttpDependencies,
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
  const actor = actorHeader?.trim() || ANONYMOUS_ACTOR;
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
      if (holdsUnpairedSurrogate(body)) {
        sendJson(res, 400, requestError('The request body holds text that is not well-formed Unicode (an unpaired surrogate such as \\uD800)', 'BAD_REQUEST'));
        return;
      }
    } else {
      body = text;
    }
  }
  const result = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => deps.context(requestId, log, actor),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
