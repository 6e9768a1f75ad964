/** GET /metrics: the Prometheus text, for whoever decideMetricsAccess (or the authentication hook) admits. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsAccess } from '../config.js';
import { decideMetricsAccess } from './access.js';

export interface MetricsEndpoint {
  readonly access: MetricsAccess;
  readonly render: () => Promise<{ contentType: string; body: string }>;
}

/** What the service's authentication makes of a request's credential: a valid one without the role is forbidden, not unauthenticated. */
export type MetricsAuthorization = 'allow' | 'forbidden' | 'unauthenticated';

export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: MetricsEndpoint,
  authorize: (req: IncomingMessage) => Promise<MetricsAuthorization>,
): Promise<void> {
  const decision = decideMetricsAccess(endpoint.access, req.headers.authorization);
  const authorization: MetricsAuthorization =
    decision === 'allow' ? 'allow' : decision === 'authenticate' ? await authorize(req) : 'unauthenticated';
  if (authorization === 'forbidden') {
    const body = JSON.stringify({
      errors: [
        {
          message: 'This credential may not read /metrics (it needs the ADMIN role)',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
    return;
  }
  if (authorization !== 'allow') {
    const body = JSON.stringify({
      errors: [{ message: 'Reading /metrics needs credentials', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    res.writeHead(401, {
      'content-type': 'application/json; charset=utf-8',
      'www-authenticate': 'Bearer realm="metrics"',
    });
    res.end(body);
    return;
  }
  const { contentType, body } = await endpoint.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
