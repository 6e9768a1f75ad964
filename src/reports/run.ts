/**
 * How a report asks the API: a typed document and its variables go through Apollo under
 * the caller's principal (so the authorization policy, the limits, error masking and
 * metrics are the API's own), and any error becomes a ReportError with the HTTP status
 * its code stands for.
 */
import { ErrorCode } from '../errors.js';
import * as documents from './generated/graphql.js';
import type { TypedDocumentString } from './generated/graphql.js';
import { ReportError } from './params.js';

/** What Apollo answered to one operation (its errors already formatted and masked). */
export interface ExecutionResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
}

/** Runs one operation as the caller. */
export type Execute = (
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
) => Promise<ExecutionResult>;

/** Runs a typed report document and returns its data, or throws a ReportError. */
export type ReportRunner = <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
) => Promise<TResult>;

const STATUS_OF: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

const OPERATION_NAME = /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/m;

export function reportRunner(execute: Execute): ReportRunner {
  return async <TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> => {
    const query = document.toString();
    const operationName = OPERATION_NAME.exec(query)?.[1] ?? '';
    const result = await execute(query, operationName, (variables ?? {}) as Record<string, unknown>);
    const [error] = result.errors ?? [];
    if (error !== undefined) {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
      const status = STATUS_OF[code];
      // Anything else (a document this service got wrong, say) is the service's fault, and says nothing more.
      if (status === undefined) throw new ReportError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      const { code: _code, http: _http, ...rest } = error.extensions ?? {};
      throw new ReportError(status, code, error.message, rest);
    }
    if (result.data === null || result.data === undefined)
      throw new ReportError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    return result.data as TResult;
  };
}

/** The names of the report operations, so that metrics label them by name. */
export const REPORT_OPERATION_NAMES: readonly string[] = Object.values(documents)
  .map((value) =>
    value instanceof documents.TypedDocumentString ? OPERATION_NAME.exec(value.toString())?.[1] : undefined,
  )
  .filter((name): name is string => name !== undefined);
