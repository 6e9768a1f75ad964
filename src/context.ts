import type { Logger } from 'pino';
import type { GraphExecutor } from './graph/executor.js';
import type { Loaders } from './loaders/index.js';

/** What every resolver receives: built fresh for each request. */
export interface Context {
  readonly requestId: string;
  readonly log: Logger;
  readonly graph: GraphExecutor;
  readonly loaders: Loaders;
  readonly service: ServiceDescription;
}

export interface ServiceDescription {
  readonly version: string;
  readonly schemaVersion: number;
  readonly database: string;
}
