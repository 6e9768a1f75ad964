/**
 * The closed set of error codes a client can rely on, the GraphQLError subclasses that
 * carry them, and the formatter that masks everything unexpected. No stack trace,
 * Cypher text or internal detail ever reaches a client.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The database work an answer needs ran out of its time (NEO4J_TRANSACTION_TIMEOUT_MS); the same request may succeed later, or a narrower one now. */
  TIMEOUT: 'TIMEOUT',
  /** An operation over one of the abuse limits (src/limits/): its depth, aliases, directives, tokens or cost. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo Server itself produces for malformed requests; passed through as they are. */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), ...APOLLO_REQUEST_CODES]);
/**
 * graphql-js stops coercing variables after 50 problems and adds this error, without a
 * code, which Apollo does not recognise as the client's (it labels only errors that name
 * their variable): a request with 51 bad list items is still bad input.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, field?: string) {
    super(ErrorCode.BAD_USER_INPUT, message, field === undefined ? {} : { field });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, { id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The graph database is unavailable; try again shortly') {
    super(ErrorCode.SERVICE_UNAVAILABLE, message);
  }
}

/**
 * A transaction that ran out of its time: Neo4j ended it, or it gave no answer within
 * its time and a little more. `statement` names the work for the log, not the client.
 */
export class TimeoutError extends AppError {
  constructor(
    readonly statement: string,
    readonly timeoutMs: number,
  ) {
    super(ErrorCode.TIMEOUT, `The database did not finish this request within ${timeoutMs / 1000} s; try again later or ask for less`, { timeoutMs });
  }
}

/** Which abuse limit an operation is over. */
export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'introspection';

const LIMIT_WORDS: Record<QueryLimit, string> = {
  depth: 'depth (fields nested in fields)',
  aliases: 'number of aliases',
  directives: 'number of directives',
  tokens: 'number of tokens',
  cost: 'estimated cost',
  introspection: 'number of introspection fields (__schema, __type)',
};

/**
 * An operation over a limit. `actual` is left out when it is not known (the parser stops
 * counting tokens at the limit).
 */
export class QueryTooComplexError extends AppError {
  constructor(limit: QueryLimit, max: number, actual: number | undefined, extensions: Record<string, unknown> = {}) {
    const over = actual === undefined ? `more than ${max}` : `${actual}, more than the ${max} allowed`;
    super(ErrorCode.QUERY_TOO_COMPLEX, `The operation is too complex: its ${LIMIT_WORDS[limit]} is ${over}`, {
      ...extensions,
      limit,
      max,
      ...(actual === undefined ? {} : { actual }),
    });
  }
}

/** graphql-js's parser message when `maxTokens` stops it ("that" is its own spelling in 16.x). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit error behind an Apollo request error, if any: Apollo relabels every
 * validation error GRAPHQL_VALIDATION_FAILED (keeping ours as its originalError), and
 * reports the parser's token limit as GRAPHQL_PARSE_FAILED.
 */
function limitErrorBehind(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && error instanceof GraphQLError && error.originalError instanceof QueryTooComplexError) {
    return { message: error.originalError.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { ...error.originalError.extensions } };
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    const limit = new QueryTooComplexError('tokens', Number(tokens[1]), undefined);
    return { message: limit.message, extensions: { ...limit.extensions } };
  }
  return undefined;
}

/**
 * Apollo refuses some malformed requests (a persisted-query hash that does not match its
 * query) with a GraphQLError that sets a 4xx HTTP status but no code, which would
 * otherwise be labelled INTERNAL_SERVER_ERROR.
 */
function clientStatus(error: GraphQLError): boolean {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return error.originalError == null && typeof http?.status === 'number' && http.status >= 400 && http.status < 500;
}

export type ErrorLogger = (error: unknown, context: { message: string; path?: readonly (string | number)[] }) => void;

/**
 * Apollo's formatError: keeps our own and Apollo's request-level errors, and turns
 * anything else into INTERNAL_SERVER_ERROR with a fixed message after logging it.
 * It never throws.
 */
export function createErrorFormatter(log: ErrorLogger, onTimeout?: (error: TimeoutError, path?: readonly (string | number)[]) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const timedOut = unwrapResolverError(error);
      if (timedOut instanceof TimeoutError) onTimeout?.(timedOut, formatted.path);
      const limit = limitErrorBehind(formatted, error);
      if (limit) return limit;
      const code = formatted.extensions?.code;
      // Apollo labels any thrown error INTERNAL_SERVER_ERROR and keeps its message: only
      // errors raised as GraphQLErrors (ours, or Apollo's request errors) are shown.
      const original = unwrapResolverError(error);
      // By name as well as by class: a second copy of graphql-js (CommonJS beside ESM) has its own class.
      const deliberate = original instanceof GraphQLError || !(original instanceof Error) || original.name === 'GraphQLError';
      if (deliberate && formatted.path === undefined && formatted.message === VARIABLE_ERROR_LIMIT) {
        return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
      }
      if (original instanceof GraphQLError && code === ErrorCode.INTERNAL_SERVER_ERROR && clientStatus(original)) {
        return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
      }
      if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR && deliberate) {
        const { stacktrace: _dropped, exception: _alsoDropped, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions: { ...extensions, code } };
      }
      log(error, { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}) });
      return {
        message: 'Internal server error',
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    } catch {
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  };
}
