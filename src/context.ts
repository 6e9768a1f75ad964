import type { Logger } from 'pino';
import type { Principal } from './auth/roles.js';
import type { ApplicabilityRules } from './domain/ai-act-applicability.js';
import type { GraphExecutor } from './graph/executor.js';
import type { Actor } from './domain/change-log.js';
import type { Loaders } from './loaders/index.js';
import type { RequestScope } from './services/scope.js';

/** What every resolver receives: built fresh for each request. */
export interface Context {
  readonly requestId: string;
  /** The authenticated caller; authorization (src/auth/policy.ts) has already admitted the operation. */
  readonly principal: Principal;
  /** Who the change log records for this request's writes: the caller, and whom it acts for. */
  readonly actor: Actor;
  /** Drops a revoked key from this instance's cache of verified keys. */
  readonly keyCache: { forget(keyId: string): void };
  readonly log: Logger;
  readonly graph: GraphExecutor;
  readonly loaders: Loaders;
  /** What the services take: this request's graph, loaders and actor, the clock and the limits. */
  readonly scope: RequestScope;
  readonly service: ServiceDescription;
  /** The EU AI Act applicability rules, read from seed/ at start. */
  readonly applicabilityRules: ApplicabilityRules;
  /** The most records, and the most links, one sync or import batch may hold (MAX_SYNC_ITEMS). */
  readonly maxSyncItems: number;
}

export interface ServiceDescription {
  readonly version: string;
  readonly schemaVersion: number;
  readonly database: string;
}
