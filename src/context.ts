import type { Logger } from 'pino';
import type { Principal } from './auth/roles.js';
import type { ApplicabilityRules } from './domain/ai-act-applicability.js';
import type { Loaders } from './loaders/index.js';
import type { RequestScope } from './services/scope.js';

/** What every resolver receives: built fresh for each request. */
export interface Context {
  readonly requestId: string;
  /** The authenticated caller; authorization (src/auth/policy.ts) has already admitted the operation. */
  readonly principal: Principal;
  /** Drops a revoked key from this instance's cache of verified keys. */
  readonly keyCache: { forget(keyId: string): void };
  readonly log: Logger;
  /** For plain reads of records by id; writes and questions go through `scope`'s services. */
  readonly loaders: Loaders;
  /** What the services take: this request's graph, loaders and actor, the clock and the limits. */
  readonly scope: RequestScope;
  readonly service: ServiceDescription;
  /** The EU AI Act applicability rules, read from seed/ at start. */
  readonly applicabilityRules: ApplicabilityRules;
}

export interface ServiceDescription {
  readonly version: string;
  readonly schemaVersion: number;
  readonly database: string;
}
