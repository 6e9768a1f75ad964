/**
 * The closed set of error codes a client can rely on, the GraphQLError subclasses that
 * carry them, and the formatter that masks everything unexpected. No stack trace,
 * Cypher text or internal detail ever reaches a client.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind, visit, type ASTNode, type GraphQLFormattedError } from 'graphql';

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
  /** An operation over one of the abuse limits (src/limits/): its depth, aliases, directives, tokens, selections or cost. */
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

/**
 * A custom scalar's refusal of a literal in the document. A plain Error, not a
 * GraphQLError, so that graphql-js reports it at the value's location;
 * namedLiteralErrors() then names the argument or input field it was given for.
 */
export class ScalarLiteralError extends Error {
  override name = 'ScalarLiteralError';
}

/**
 * Turns every validation error caused by a ScalarLiteralError into BAD_USER_INPUT that
 * names where the value was (`input.uploadedAt`, `from`, `$since`), as graphql-js already
 * does for the same value sent as a variable. The scalar alone cannot: it sees the value,
 * not the field.
 */
export function namedLiteralErrors<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }) {
          return async (given) => {
            // Apollo sends this very array once the hook returns: an error replaced here is the one sent.
            const errors = given as GraphQLError[] | undefined;
            const refused = new Map<ASTNode, number>();
            errors?.forEach((error, i) => {
              const node = error.nodes?.[0];
              if (error.originalError instanceof ScalarLiteralError && node !== undefined) refused.set(node, i);
            });
            if (refused.size === 0 || document === undefined) return;
            visit(document, {
              enter(node, _key, parent, _path, ancestors) {
                const i = refused.get(node);
                if (i === undefined) return;
                const names: string[] = [];
                for (const ancestor of [...ancestors, parent, node]) {
                  if (ancestor === undefined) continue;
                  if (Array.isArray(ancestor)) continue;
                  const a = ancestor as ASTNode;
                  if (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) names.push(a.name.value);
                  else if (a.kind === Kind.VARIABLE_DEFINITION) names.push(`$${a.variable.name.value}`);
                }
                const field = names.join('.');
                const error = errors![i]!;
                errors![i] = new GraphQLError(`Invalid value for "${field}": ${error.message}`, {
                  nodes: node,
                  originalError: new BadUserInputError(`Invalid value for "${field}": ${error.message}`, field),
                });
              },
            });
          };
        },
      };
    },
  };
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
    super(
      ErrorCode.TIMEOUT,
      `The database did not finish this request within ${timeoutMs / 1000} s; try again later or ask for less`,
      { timeoutMs },
    );
  }
}

/** Which abuse limit an operation is over. */
export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'selections' | 'cost' | 'introspection';

const LIMIT_WORDS: Record<QueryLimit, string> = {
  depth: 'depth (fields nested in fields)',
  aliases: 'number of aliases',
  directives: 'number of directives',
  tokens: 'number of tokens',
  selections: 'number of selections (fields, fragment spreads and inline fragments)',
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
  // A literal a scalar refused (namedLiteralErrors) is bad input, as the same value in a variable is.
  const behind = error instanceof GraphQLError ? error.originalError : undefined;
  if (
    code === 'GRAPHQL_VALIDATION_FAILED' &&
    (behind instanceof QueryTooComplexError || behind instanceof BadUserInputError)
  ) {
    return {
      message: behind.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { ...behind.extensions },
    };
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

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-js's hint, which names a field, argument or enum value of the schema. Apollo
 * drops it from validation errors when hiding schema details, but not from the
 * variables' errors, which execution reports (a misspelt input field or enum value).
 */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** Production (hide = true): `format`, and no message keeps a "Did you mean …?" hint. */
export function withoutSchemaHints(hide: boolean, format: ErrorFormatter): ErrorFormatter {
  if (!hide) return format;
  return (formatted, error) => {
    const masked = format(formatted, error);
    return SUGGESTION.test(masked.message) ? { ...masked, message: masked.message.replace(SUGGESTION, '') } : masked;
  };
}

export type ErrorLogger = (error: unknown, context: { message: string; path?: readonly (string | number)[] }) => void;

/**
 * Apollo's formatError: keeps our own and Apollo's request-level errors, and turns
 * anything else into INTERNAL_SERVER_ERROR with a fixed message after logging it.
 * It never throws.
 */
export function createErrorFormatter(
  log: ErrorLogger,
  onTimeout?: (error: TimeoutError, path?: readonly (string | number)[]) => void,
) {
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
      const deliberate =
        original instanceof GraphQLError || !(original instanceof Error) || original.name === 'GraphQLError';
      if (deliberate && formatted.path === undefined && formatted.message === VARIABLE_ERROR_LIMIT) {
        return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
      }
      if (original instanceof GraphQLError && code === ErrorCode.INTERNAL_SERVER_ERROR && clientStatus(original)) {
        return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
      }
      if (
        typeof code === 'string' &&
        PUBLIC_CODES.has(code) &&
        code !== ErrorCode.INTERNAL_SERVER_ERROR &&
        deliberate
      ) {
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
