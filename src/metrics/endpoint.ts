/** GET /metrics: the Prometheus text, for whoever decideMetricsAccess (or the authentication hook) admits. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsAccess } from '../config.js';
import { decideMetricsAccess } from './access.js';

export interface MetricsEndpoint {
  readonly access: MetricsAccess;
  readonly render: () => Promise<{ contentType: string; body: string }>;
}

export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: MetricsEndpoint,
  authorize: (req: IncomingMessage) => Promise<boolean>,
): Promise<void> {
  const decision = decideMetricsAccess(endpoint.access, req.headers.authorization);
  const allowed = decision === 'allow' || (decision === 'authenticate' && (await authorize(req)));
  if (!allowed) {
    const body = JSON.stringify({ errors: [{ message: 'Reading /metrics needs credentials', extensions: { code: 'UNAUTHENTICATED' } }] });
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
    res.end(body);
    return;
  }
  const { contentType, body } = await endpoint.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
