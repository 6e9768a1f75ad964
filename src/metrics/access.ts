/**
 * Who may read /metrics. The decision is a pure function of the configured access and
 * the request's Authorization header; "authenticate" leaves it to the service's own
 * authentication (the authorizeMetrics hook of the HTTP front).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsAccess } from '../config.js';

export type MetricsDecision = 'allow' | 'deny' | 'authenticate';

export function decideMetricsAccess(access: MetricsAccess, authorization: string | undefined): MetricsDecision {
  switch (access.kind) {
    case 'public':
      return 'allow';
    case 'token': {
      const given = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      return given !== undefined && sameSecret(given, access.token) ? 'allow' : 'deny';
    }
    case 'credential':
      return 'authenticate';
  }
}

/** Compares in constant time: digests of equal length, whatever the lengths of the inputs. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
